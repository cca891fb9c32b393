/* Tidepool plugin ABI v1 -- basic value types shared by every interface.
 *
 * Only C crosses the plugin boundary: fixed-width integers, {ptr,len} strings, plain structs,
 * opaque handles and function pointers. No bool, no enums inside structs (their size is not
 * fixed by C), no C++ types. See plugin-api/ABI.md for the full promise.
 *
 * Ownership convention used in every header:
 *   [borrowed]   valid only for the duration of the call that received it; copy to keep.
 *   [static]     valid for as long as the library stays loaded.
 *   [host-owned] allocated and freed by the host; the plugin never frees it.
 * Thread tags:
 *   [any-thread] may be called from any host worker thread, concurrently.
 *   [serialised] the host never runs two calls on the same handle at once.
 *   [main]       called only from the loader thread, never concurrently with anything else.
 */
#ifndef TIDEPOOL_TYPES_H
#define TIDEPOOL_TYPES_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A UTF-8 string slice. Not NUL-terminated unless stated; ptr may be NULL when len is 0. */
typedef struct tp_str {
    const char* ptr; /* [borrowed] first byte */
    uint64_t len;    /* number of bytes */
} tp_str;

/* One key/value pair, used for tags, HTTP headers and labels. */
typedef struct tp_kv {
    tp_str key;   /* [borrowed] */
    tp_str value; /* [borrowed] */
} tp_kv;

/* A list of key/value pairs. */
typedef struct tp_kv_list {
    const tp_kv* items; /* [borrowed] array of count items; NULL when count is 0 */
    uint64_t count;
} tp_kv_list;

/* Per-call context handed to every provider operation.
 * The host creates one per call; it is [borrowed] and valid only during that call. */
typedef struct tp_call_ctx {
    uint32_t struct_size;    /* sizeof(tp_call_ctx) as the host knows it */
    uint32_t reserved0;      /* always 0 */
    tp_str request_id;       /* unique per logical request; also the idempotency key */
    int64_t deadline_unix_ms;/* the call should give up (TP_ERR_TIMEOUT) after this instant */
    /* Returns non-zero once the host wants the call abandoned (TP_ERR_CANCELLED). Cheap to
     * call; poll it between network round trips. [any-thread] */
    int32_t (*is_cancelled)(const struct tp_call_ctx* ctx);
    void* host_data;         /* [host-owned] opaque to the plugin */
} tp_call_ctx;

/* Build a tp_str from a NUL-terminated C string (convenience for plugin authors). */
static inline tp_str tp_str_from_cstr(const char* s) {
    tp_str out;
    size_t n = 0;
    if (s) {
        while (s[n]) ++n;
    }
    out.ptr = s;
    out.len = (uint64_t)n;
    return out;
}

#ifdef __cplusplus
}
#endif
#endif /* TIDEPOOL_TYPES_H */
