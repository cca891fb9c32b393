/* Tidepool plugin ABI v1 -- host log service ("tidepool.log/1").
 * Plugins log through the host so operators get one structured log with request ids. Never
 * pass a secret: the host redacts known secret values, but only those it knows. */
#ifndef TIDEPOOL_SVC_LOG_H
#define TIDEPOOL_SVC_LOG_H

#include "../types.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TP_SVC_LOG_ID "tidepool.log/1"

#define TP_LOG_DEBUG 0
#define TP_LOG_INFO 1
#define TP_LOG_WARN 2
#define TP_LOG_ERROR 3

typedef struct tp_log_svc {
    uint32_t struct_size; /* sizeof(tp_log_svc) as the host knows it */
    uint32_t reserved0;   /* always 0 */
    void* ctx;            /* [host-owned] pass to write() */
    /* Writes one log line. request_id may be empty. Strings are [borrowed]. [any-thread] */
    void (*write)(void* ctx, int32_t level, tp_str request_id, tp_str message);
} tp_log_svc;

#ifdef __cplusplus
}
#endif
#endif /* TIDEPOOL_SVC_LOG_H */
