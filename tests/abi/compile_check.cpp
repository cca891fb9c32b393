// Built as C++17 and C++20 with -Wpedantic -Werror: the headers must be valid C++ (extern "C",
// no C-only constructs) and the layout must match layout_v1_0.def.
#include "layout_asserts.h"

#include <type_traits>

static_assert(std::is_standard_layout_v<tp_vm_provider>);
static_assert(std::is_trivially_copyable_v<tp_error>);
static_assert(std::is_same_v<tp_entry_fn_v1, const tp_plugin_entry* (*)(uint32_t)>);

int main() {
    tp_error err{};
    err.struct_size = sizeof err;
    tp_str s = tp_str_from_cstr("abc");
    return tp_error_set(&err, TP_ERR_NOT_FOUND, "missing") == TP_ERR_NOT_FOUND && s.len == 3 ? 0
                                                                                             : 1;
}
