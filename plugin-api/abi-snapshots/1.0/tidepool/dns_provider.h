/* Tidepool plugin ABI v1 -- DNS provider interface ("tidepool.dns_provider/1").
 * Same rules as vm_provider.h: schema-validated config, open/close a client, blocking calls
 * that are [serialised] per client. */
#ifndef TIDEPOOL_DNS_PROVIDER_H
#define TIDEPOOL_DNS_PROVIDER_H

#include "error.h"
#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TP_DNS_PROVIDER_ID "tidepool.dns_provider/1"

typedef struct tp_dns_client_s* tp_dns_client;

typedef struct tp_dns_record {
    uint32_t struct_size; /* sizeof(tp_dns_record) as the writer knows it */
    uint32_t ttl_s;       /* time to live in seconds */
    tp_str name;          /* fully qualified, without the trailing dot */
    tp_str type;          /* "A", "AAAA" or "CNAME" */
    tp_str value;         /* address or target name */
} tp_dns_record;

typedef struct tp_dns_sink {
    void* ctx; /* [host-owned] */
    void (*on_record)(void* ctx, const tp_dns_record* record);
} tp_dns_sink;

typedef struct tp_dns_provider {
    uint32_t struct_size;  /* sizeof(tp_dns_provider) as the plugin was built */
    uint32_t reserved0;    /* always 0 */
    uint64_t capabilities; /* none defined in 1.0; must be 0 */
    const char* config_schema; /* [static] JSON Schema (draft-04); secrets as in vm_provider.h */
    int32_t (*open)(tp_str config_json, tp_dns_client* out, tp_error* err);  /* [any-thread] */
    void (*close)(tp_dns_client client);                                     /* [any-thread] */
    /* Creates or replaces the record (waits until the change is in effect). [serialised] */
    int32_t (*upsert_record)(tp_dns_client client, const tp_call_ctx* call,
                             const tp_dns_record* record, tp_error* err);
    /* Deletes the record; one that does not exist is TP_OK. [serialised] */
    int32_t (*delete_record)(tp_dns_client client, const tp_call_ctx* call,
                             const tp_dns_record* record, tp_error* err);
    /* Reports every record whose name ends with name_suffix. [serialised] */
    int32_t (*list_records)(tp_dns_client client, const tp_call_ctx* call, tp_str name_suffix,
                            const tp_dns_sink* sink, tp_error* err);
} tp_dns_provider;

#ifdef __cplusplus
}
#endif
#endif /* TIDEPOOL_DNS_PROVIDER_H */
