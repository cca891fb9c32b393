/* Built as C99 and as C11 with -Wpedantic -Werror: the headers must be valid plain C and the
 * layout must match layout_v1_0.def. The static inline helpers are used so they compile too. */
#include "layout_asserts.h"

int main(void) {
    tp_error err;
    tp_str s = tp_str_from_cstr("abc");
    memset(&err, 0, sizeof err);
    err.struct_size = sizeof err;
    return (tp_error_set(&err, TP_ERR_NOT_FOUND, "missing") == TP_ERR_NOT_FOUND && s.len == 3 &&
            err.message[0] == 'm')
               ? 0
               : 1;
}
