/* One layout table per header set (the frozen 1.0 snapshot, the current headers), so a test
 * can compare what the compiler computed for each without either set's types colliding. */
#ifndef TP_TEST_LAYOUT_DUMP_H
#define TP_TEST_LAYOUT_DUMP_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tp_layout_entry {
    const char* name;  /* "sizeof(T)", "offsetof(T.m)", "sizeof(T.m)", a constant's name */
    long long value;
} tp_layout_entry;

const tp_layout_entry* tp_layout_snapshot_1_0(size_t* count);
const tp_layout_entry* tp_layout_current(size_t* count);

#ifdef __cplusplus
}
#endif
#endif
