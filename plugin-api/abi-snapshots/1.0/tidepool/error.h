/* Tidepool plugin ABI v1 -- status codes and the host-owned error record.
 *
 * Every fallible call returns an int32_t status. TP_OK (0) is success; any other value is one
 * of the classes below, which the core acts on (the planner spills over on TP_ERR_CAPACITY, the
 * runtime retries TP_ERR_UNAVAILABLE with backoff, and so on). Details go into a tp_error the
 * host allocates before the call; there is no "last error" global.
 */
#ifndef TIDEPOOL_ERROR_H
#define TIDEPOOL_ERROR_H

#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TP_OK 0                  /* success */
#define TP_ERR_INVALID_CONFIG 1  /* the configuration or an argument is wrong; fix it, no retry */
#define TP_ERR_DENIED 2          /* credentials rejected or not allowed; no retry */
#define TP_ERR_NOT_FOUND 3       /* the object does not exist */
#define TP_ERR_CONFLICT 4        /* the name/ID is taken or the state forbids the operation */
#define TP_ERR_CAPACITY 5        /* out of capacity or quota; the planner spills over */
#define TP_ERR_UNAVAILABLE 6     /* transient (5xx, throttling, network); retry after backoff */
#define TP_ERR_TIMEOUT 7         /* the call's deadline passed */
#define TP_ERR_CANCELLED 8       /* the host cancelled the call */
#define TP_ERR_INTERNAL 9        /* a bug or an unexpected answer; reported, not retried */
#define TP_ERR_LAST TP_ERR_INTERNAL

#define TP_ERROR_MESSAGE_SIZE 512
#define TP_ERROR_CODE_SIZE 64
#define TP_ERROR_FIELD_SIZE 128

/* Filled by the plugin when a call fails. [host-owned]: the host allocates and zeroes it
 * before each call and reads it after; the plugin only writes into the fixed buffers, always
 * NUL-terminated. A plugin built against a newer minor checks struct_size before writing
 * fields appended later. */
typedef struct tp_error {
    uint32_t struct_size;                      /* sizeof(tp_error) as the host knows it */
    int32_t status;                            /* same value the call returned */
    int64_t retry_after_ms;                    /* > 0: the provider asked to wait this long */
    char provider_code[TP_ERROR_CODE_SIZE];    /* the cloud's own code, e.g. "RequestLimitExceeded" */
    char field[TP_ERROR_FIELD_SIZE];           /* JSON pointer of the config field at fault, or "" */
    char message[TP_ERROR_MESSAGE_SIZE];       /* one line for an operator; never a secret */
} tp_error;

/* Copy a NUL-terminated string into a fixed buffer, truncating, always terminating. */
static inline void tp_error_copy(char* dst, size_t size, const char* src) {
    size_t n;
    if (!dst || size == 0) return;
    n = src ? strlen(src) : 0;
    if (n >= size) n = size - 1;
    if (n) memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Fill an error and return its status, so a plugin can write `return tp_error_set(...)`. */
static inline int32_t tp_error_set(tp_error* err, int32_t status, const char* message) {
    if (err) {
        err->status = status;
        tp_error_copy(err->message, sizeof err->message, message);
    }
    return status;
}

#ifdef __cplusplus
}
#endif
#endif /* TIDEPOOL_ERROR_H */
