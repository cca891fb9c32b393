/* Compiled twice: against plugin-api/abi-snapshots/1.0 (TP_LAYOUT_FN=tp_layout_snapshot_1_0)
 * and against plugin-api/include (TP_LAYOUT_FN=tp_layout_current). The include path alone
 * decides which <tidepool/...> headers the table below measures. */
#include "layout_dump.h"

#include "all_headers.h"

#define TP_MEMBER_SIZE(type, member) sizeof(((type*)0)->member)
#define TP_STRUCT(type, size) {"sizeof(" #type ")", (long long)sizeof(type)},
#define TP_FIELD(type, member, offset, size)                                        \
    {"offsetof(" #type "." #member ")", (long long)offsetof(type, member)}, \
    {"sizeof(" #type "." #member ")", (long long)TP_MEMBER_SIZE(type, member)},
#define TP_CONST(name, value) {#name, (long long)(name)},
#define TP_STRING(name, value) {#name " = " name, 0},

static const tp_layout_entry kEntries[] = {
#include "layout_v1_0.def"
};

const tp_layout_entry* TP_LAYOUT_FN(size_t* count) {
    *count = sizeof kEntries / sizeof kEntries[0];
    return kEntries;
}
