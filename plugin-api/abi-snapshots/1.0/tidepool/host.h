/* Tidepool plugin ABI v1 -- the host as a plugin sees it.
 *
 * The host hands a tp_host to the plugin's init(). Everything the host offers (logging, HTTP,
 * a clock) is a service fetched by a versioned string id, so new services never change this
 * struct. Service ids and tables are declared in the svc/ headers.
 */
#ifndef TIDEPOOL_HOST_H
#define TIDEPOOL_HOST_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tp_host {
    uint32_t struct_size;     /* sizeof(tp_host) as the host knows it */
    uint32_t abi_major;       /* always 1 for this header */
    uint32_t abi_minor;       /* the host's minor; fields past v1.0 exist only if it is higher */
    uint32_t reserved0;       /* always 0 */
    const char* host_name;    /* [host-owned] e.g. "tidepoold"; valid until deinit */
    const char* host_version; /* [host-owned] e.g. "0.1.0"; valid until deinit */
    void* host_data;          /* [host-owned] opaque; pass back unchanged */
    /* Returns the service table for `service_id` (e.g. TP_SVC_HTTP_ID), or NULL when the host
     * does not offer it. The table is [host-owned] and valid until deinit. [any-thread] */
    const void* (*get_service)(const struct tp_host* host, const char* service_id);
} tp_host;

#ifdef __cplusplus
}
#endif
#endif /* TIDEPOOL_HOST_H */
