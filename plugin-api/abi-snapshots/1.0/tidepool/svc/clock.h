/* Tidepool plugin ABI v1 -- host clock service ("tidepool.clock/1").
 * Plugins that wait (polling a task, backing off) use this clock so the simulator and tests can
 * run them on virtual time. */
#ifndef TIDEPOOL_SVC_CLOCK_H
#define TIDEPOOL_SVC_CLOCK_H

#include "../types.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TP_SVC_CLOCK_ID "tidepool.clock/1"

typedef struct tp_clock_svc {
    uint32_t struct_size; /* sizeof(tp_clock_svc) as the host knows it */
    uint32_t reserved0;   /* always 0 */
    void* ctx;            /* [host-owned] */
    /* Milliseconds since the Unix epoch (virtual under the simulator). [any-thread] */
    int64_t (*now_unix_ms)(void* ctx);
    /* Waits ms milliseconds. Returns TP_OK, or TP_ERR_CANCELLED / TP_ERR_TIMEOUT early when the
     * call (may be NULL) is cancelled or its deadline comes first. [any-thread] */
    int32_t (*sleep_ms)(void* ctx, const tp_call_ctx* call, int64_t ms);
} tp_clock_svc;

#ifdef __cplusplus
}
#endif
#endif /* TIDEPOOL_SVC_CLOCK_H */
