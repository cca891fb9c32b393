/* Tidepool plugin ABI v1 -- host HTTP service ("tidepool.http/1").
 * The core owns TLS, proxies, timeouts and rate limits, so plugins carry no HTTP stack; tests
 * swap in a fake. One blocking request per call; the response streams into a plugin sink. */
#ifndef TIDEPOOL_SVC_HTTP_H
#define TIDEPOOL_SVC_HTTP_H

#include "../error.h"
#include "../types.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TP_SVC_HTTP_ID "tidepool.http/1"

typedef struct tp_http_request {
    uint32_t struct_size; /* sizeof(tp_http_request) as the plugin knows it */
    /* Non-zero: verify the peer certificate and host name. Set it explicitly: a zeroed request
     * (memset, `= {0}`) turns verification OFF. The C++ SDK sets 1 unless asked otherwise. */
    int32_t verify_tls;
    tp_str method;        /* [borrowed] "GET", "POST", ... */
    tp_str url;           /* [borrowed] absolute http:// or https:// URL */
    tp_kv_list headers;   /* [borrowed] sent as given, in order */
    tp_str body;          /* [borrowed] may be empty */
    int64_t timeout_ms;   /* 0: up to the call's deadline */
    tp_str ca_file;       /* [borrowed] optional PEM bundle to trust instead of the system's */
} tp_http_request;

/* Receives the response. Callbacks run on the calling thread before send() returns; the
 * slices are [borrowed] and must be copied. on_header runs once per header line. */
typedef struct tp_http_response_sink {
    void* ctx; /* plugin-owned */
    void (*on_status)(void* ctx, int32_t http_status);
    void (*on_header)(void* ctx, tp_str name, tp_str value);
    void (*on_body)(void* ctx, tp_str chunk);
} tp_http_response_sink;

typedef struct tp_http_svc {
    uint32_t struct_size; /* sizeof(tp_http_svc) as the host knows it */
    uint32_t reserved0;   /* always 0 */
    void* ctx;            /* [host-owned] pass to send() */
    /* Performs the request. TP_OK means a response arrived (any HTTP status: 4xx/5xx are the
     * plugin's to classify). TP_ERR_UNAVAILABLE: connection or TLS failure; TP_ERR_TIMEOUT;
     * TP_ERR_CANCELLED (checked via call->is_cancelled); TP_ERR_INVALID_CONFIG: bad URL.
     * call may be NULL outside a provider operation (e.g. in open()). [any-thread] */
    int32_t (*send)(void* ctx, const tp_call_ctx* call, const tp_http_request* request,
                    const tp_http_response_sink* sink, tp_error* err);
} tp_http_svc;

#ifdef __cplusplus
}
#endif
#endif /* TIDEPOOL_SVC_HTTP_H */
