/* Tidepool plugin ABI v1 -- VM provider interface ("tidepool.vm_provider/1").
 *
 * One table per plugin. The host validates an operator's provider config against
 * config_schema, then open()s a client for it; every VM operation runs on a client. Calls are
 * blocking and run on the host's bounded worker pool, never on its event loop; the host never
 * runs two calls on one client at once ([serialised]), but different clients may run in
 * parallel, so plugin-wide state needs its own locking.
 */
#ifndef TIDEPOOL_VM_PROVIDER_H
#define TIDEPOOL_VM_PROVIDER_H

#include "error.h"
#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TP_VM_PROVIDER_ID "tidepool.vm_provider/1"

/* capabilities bits */
#define TP_VM_CAP_CREDENTIALS (1ull << 0)       /* get_credentials is implemented */
#define TP_VM_CAP_IDEMPOTENT_CREATE (1ull << 1) /* the cloud de-duplicates by idempotency key */
#define TP_VM_CAP_STARTUP_SCRIPT (1ull << 2)    /* startup scripts are run in the guest */
#define TP_VM_CAP_PUBLIC_IP (1ull << 3)         /* instances may get a public address */

/* tp_vm_info.state values */
#define TP_VM_STATE_UNKNOWN 0
#define TP_VM_STATE_PENDING 1  /* being created or booting */
#define TP_VM_STATE_RUNNING 2
#define TP_VM_STATE_STOPPING 3
#define TP_VM_STATE_STOPPED 4
#define TP_VM_STATE_DELETING 5
#define TP_VM_STATE_GONE 6     /* terminated; may still be listed for a while */
#define TP_VM_STATE_FAILED 7

/* A configured client for one provider config; opaque to the host. */
typedef struct tp_vm_client_s* tp_vm_client;

/* What to create. [borrowed] for the duration of create_vm. */
typedef struct tp_vm_spec {
    uint32_t struct_size;  /* sizeof(tp_vm_spec) as the host knows it */
    uint32_t reserved0;    /* always 0 */
    tp_str name;           /* core-generated unique name; use it as the VM's name */
    tp_str idempotency_key;/* pass to the cloud where it has one (EC2 ClientToken, ...) */
    tp_kv_list tags;       /* must all be attached so list_vms can find the VM */
    tp_str startup_script; /* rendered script to run at first boot; may be empty */
    tp_str os_family;      /* "linux" or "windows" */
} tp_vm_spec;

/* One VM as the provider sees it. [borrowed] inside a sink callback; the host copies. */
typedef struct tp_vm_info {
    uint32_t struct_size; /* sizeof(tp_vm_info) as the plugin knows it */
    int32_t state;        /* TP_VM_STATE_* */
    tp_str provider_id;   /* the provider's stable id for the VM (instance id, VMID, path) */
    tp_str name;          /* the name given at create time */
    tp_str private_ip;    /* may be empty */
    tp_str public_ip;     /* may be empty */
    tp_str hostname;      /* may be empty */
    tp_kv_list tags;      /* the tags the provider holds */
    int64_t created_unix_ms; /* 0 when unknown */
    tp_str detail;        /* provider-specific state text for operators; may be empty */
} tp_vm_info;

/* Results go out through host sinks that copy. */
typedef struct tp_vm_sink {
    void* ctx; /* [host-owned] */
    void (*on_vm)(void* ctx, const tp_vm_info* vm);
} tp_vm_sink;

typedef struct tp_credentials_sink {
    void* ctx; /* [host-owned] */
    /* kind: e.g. "password"; username may be empty. The host seals secret at once. */
    void (*on_credential)(void* ctx, tp_str kind, tp_str username, tp_str secret);
} tp_credentials_sink;

typedef struct tp_vm_provider {
    uint32_t struct_size;      /* sizeof(tp_vm_provider) as the plugin was built */
    uint32_t reserved0;        /* always 0 */
    uint64_t capabilities;     /* TP_VM_CAP_* bits */
    /* [static] JSON Schema (draft-04) of the config. Members holding secrets carry
     * "x-tidepool-secret": true so the core seals and redacts them. By convention an integer
     * "max_instances" member caps how many VMs one config may own. */
    const char* config_schema;
    /* Opens a client for a config that already passed the schema. Must not create resources.
     * [any-thread] */
    int32_t (*open)(tp_str config_json, tp_vm_client* out, tp_error* err);
    /* Frees a client; no call on it is in flight. [any-thread] */
    void (*close)(tp_vm_client client);
    /* Creates one VM carrying spec->tags. Calls sink once with the VM (usually PENDING).
     * Retrying with the same idempotency_key must not create a second VM. [serialised] */
    int32_t (*create_vm)(tp_vm_client client, const tp_call_ctx* call, const tp_vm_spec* spec,
                         const tp_vm_sink* sink, tp_error* err);
    /* Reports one VM, or TP_ERR_NOT_FOUND. [serialised] */
    int32_t (*get_vm)(tp_vm_client client, const tp_call_ctx* call, tp_str provider_id,
                      const tp_vm_sink* sink, tp_error* err);
    /* Reports every VM carrying all tags of filter (all pages). [serialised] */
    int32_t (*list_vms)(tp_vm_client client, const tp_call_ctx* call, tp_kv_list filter,
                        const tp_vm_sink* sink, tp_error* err);
    /* Deletes a VM. Idempotent: a VM that does not exist is TP_OK. [serialised] */
    int32_t (*delete_vm)(tp_vm_client client, const tp_call_ctx* call, tp_str provider_id,
                         tp_error* err);
    /* Optional (NULL unless TP_VM_CAP_CREDENTIALS): provider-generated credentials such as an
     * AWS Windows password. [serialised] */
    int32_t (*get_credentials)(tp_vm_client client, const tp_call_ctx* call, tp_str provider_id,
                               const tp_credentials_sink* sink, tp_error* err);
} tp_vm_provider;

#ifdef __cplusplus
}
#endif
#endif /* TIDEPOOL_VM_PROVIDER_H */
