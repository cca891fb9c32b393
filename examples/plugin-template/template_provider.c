/* template_provider.c -- a complete, minimal Tidepool VM provider in plain C.
 *
 * Copy this directory to start a new provider. It builds against nothing but the installed
 * plugin API (find_package(TidepoolPluginAPI)), passes `tidepool plugin check`, and shows every
 * rule of the v1 ABI in the place where it matters. It is a TEACHING SKELETON: its "instances"
 * are rows in the client's memory, so they vanish when the client is closed. A real provider
 * keeps no state it cannot rebuild from the cloud (list by tag is how the core reconciles).
 *
 * The contract is plugin-api/ABI.md plus the comments in the <tidepool/...> headers. In short:
 *
 *   - Only C crosses the boundary. Strings are {ptr,len} slices (tp_str), not NUL-terminated.
 *   - Everything the host lends you is [borrowed]: valid until your function returns. Copy
 *     what you want to keep.
 *   - You return results through the host's sinks, which copy; you never hand the host memory
 *     it would have to free.
 *   - Every fallible function returns a TP_* status and fills the host's tp_error.
 *
 * STEP 1: Name the plugin.
 *   The file must be called tidepool-<name>.so; tidepool_add_plugin(NAME <name> ...) does that.
 *   Pick a reverse-DNS id you control (kPluginId below). The id, not the file name, is what
 *   operators put in provider configs, so never change it once released.
 *
 * STEP 2: Describe the configuration with a JSON Schema (draft-04).
 *   The host validates every provider config against it before your open() sees it, and shows
 *   the operator "config field /max_instances must be at least 0" style errors. Mark secrets
 *   with "x-tidepool-secret": true so the host seals them in its store and redacts them in
 *   logs. By convention an integer "max_instances" caps how many VMs one config may own.
 *   An invalid schema makes the host refuse the plugin at load time.
 *
 * STEP 3: Implement the interface: open/close and the VM operations.
 *   A client (tp_vm_client) is your object for one config. Calls on one client never overlap
 *   ([serialised]), so per-client state needs no lock; state shared by all clients would.
 *   Calls are blocking and run on the host's worker threads: use the host's clock service to
 *   wait (it wakes up early when the call is cancelled) and its HTTP service to talk to a
 *   cloud, so timeouts, TLS and proxies stay the host's business.
 *     create_vm  must attach all spec->tags (the core finds its VMs by them) and must not
 *                create a second VM when retried with the same idempotency_key.
 *     get_vm     reports one VM or returns TP_ERR_NOT_FOUND.
 *     list_vms   reports every VM carrying ALL the filter tags.
 *     delete_vm  is idempotent: deleting a VM that does not exist is TP_OK.
 *   Pick statuses carefully: the core acts on them (TP_ERR_CAPACITY spills over to another
 *   config, TP_ERR_UNAVAILABLE is retried with backoff, TP_ERR_INVALID_CONFIG is not retried).
 *
 * STEP 4: Fill in the interface table.
 *   A static const tp_vm_provider whose first member is sizeof(tp_vm_provider): the host uses
 *   struct_size to know which members exist, so future minors can append members. Leave
 *   optional members NULL (get_credentials here) and their capability bit clear.
 *
 * STEP 5: Write init/deinit and get_interface.
 *   init runs once after loading, on the host's loader thread: fetch the host services you
 *   need and refuse (non-zero status, with a message) if something essential is missing. Keep
 *   it fast; no network. deinit runs once, after every client was closed.
 *
 * STEP 6: Export exactly one symbol, tidepool_entry_v1.
 *   It returns a static tp_plugin_entry. The version script tidepool_add_plugin applies hides
 *   every other symbol, so two plugins can never clash. min_host_abi_minor is the oldest host
 *   minor you need; 0 means any 1.x host.
 *
 * STEP 7: Build and check.
 *   cmake -S . -B build -DCMAKE_PREFIX_PATH=<where the plugin API is installed>
 *   cmake --build build
 *   tidepool plugin check build/plugins/tidepool-template.so --config '{}'
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <tidepool/entry.h>
#include <tidepool/svc/clock.h>
#include <tidepool/svc/log.h>
#include <tidepool/vm_provider.h>

/* ---- STEP 1 and 2: identity and configuration ------------------------------------------ */

static const char kPluginId[] = "org.example.template";

static const char kConfigSchema[] =
    "{\n"
    "  \"$schema\": \"http://json-schema.org/draft-04/schema#\",\n"
    "  \"type\": \"object\",\n"
    "  \"properties\": {\n"
    "    \"max_instances\": {\"type\": \"integer\", \"minimum\": 0, \"default\": 10},\n"
    "    \"api_token\": {\"type\": \"string\", \"x-tidepool-secret\": true}\n"
    "  },\n"
    "  \"additionalProperties\": false\n"
    "}";

#define TEMPLATE_MAX_VMS 64 /* the in-memory table's size; max_instances is capped to it */
#define TEMPLATE_MAX_TAGS 16
#define TEMPLATE_TEXT 128

/* ---- State: one client per provider config ---------------------------------------------- */

typedef struct template_vm {
    int used;
    char name[TEMPLATE_TEXT];
    char idempotency_key[TEMPLATE_TEXT];
    char tag_keys[TEMPLATE_MAX_TAGS][TEMPLATE_TEXT];
    char tag_values[TEMPLATE_MAX_TAGS][TEMPLATE_TEXT];
    uint64_t tag_count;
    int64_t created_unix_ms;
} template_vm;

/* tp_vm_client is a pointer to this incomplete-in-the-header struct: each plugin defines its
 * own, and the host only ever passes it back. */
struct tp_vm_client_s {
    int64_t max_instances;
    template_vm vms[TEMPLATE_MAX_VMS];
};

/* Host services, fetched once in init and valid until deinit returns. */
static const tp_log_svc* g_log;
static const tp_clock_svc* g_clock;

/* ---- Small helpers --------------------------------------------------------------------- */

/* Copies a borrowed slice into a fixed buffer; fails (0) rather than silently truncating. */
static int copy_text(char* dst, size_t size, tp_str src) {
    if (src.len >= size) return 0;
    if (src.len) memcpy(dst, src.ptr, (size_t)src.len);
    dst[src.len] = '\0';
    return 1;
}

static int text_equals(const char* a, tp_str b) {
    return strlen(a) == b.len && (b.len == 0 || memcmp(a, b.ptr, (size_t)b.len) == 0);
}

static void log_line(int32_t level, const tp_call_ctx* call, const char* message) {
    tp_str request_id = call ? call->request_id : tp_str_from_cstr("");
    if (g_log) g_log->write(g_log->ctx, level, request_id, tp_str_from_cstr(message));
}

/* Reads the one integer setting with a tiny scanner, to keep this file dependency-free.
 * The host has validated the document against kConfigSchema already; a real plugin would use
 * a JSON library (the C++ SDK ships tidepool::sdk::ConfigReader). */
static int64_t read_max_instances(tp_str config_json) {
    char buf[1024];
    const char* at;
    if (!copy_text(buf, sizeof buf, config_json)) return 10;
    at = strstr(buf, "\"max_instances\"");
    if (!at) return 10;
    at = strchr(at, ':');
    return at ? strtoll(at + 1, NULL, 10) : 10;
}

/* Lends the host a tp_vm_info describing vm; the host copies it before on_vm returns. */
static void report_vm(const template_vm* vm, const tp_vm_sink* sink) {
    tp_kv tags[TEMPLATE_MAX_TAGS];
    tp_vm_info info;
    uint64_t i;
    for (i = 0; i < vm->tag_count; ++i) {
        tags[i].key = tp_str_from_cstr(vm->tag_keys[i]);
        tags[i].value = tp_str_from_cstr(vm->tag_values[i]);
    }
    memset(&info, 0, sizeof info);
    info.struct_size = sizeof info; /* tells the host which members this plugin knows */
    info.state = TP_VM_STATE_RUNNING;
    info.provider_id = tp_str_from_cstr(vm->name); /* the name doubles as our stable id */
    info.name = tp_str_from_cstr(vm->name);
    info.private_ip = tp_str_from_cstr("192.0.2.1"); /* TEST-NET-1: clearly not real */
    info.tags.items = vm->tag_count ? tags : NULL;
    info.tags.count = vm->tag_count;
    info.created_unix_ms = vm->created_unix_ms;
    info.detail = tp_str_from_cstr("in-memory template instance");
    sink->on_vm(sink->ctx, &info);
}

static template_vm* find_by_name(struct tp_vm_client_s* c, tp_str name) {
    int i;
    for (i = 0; i < TEMPLATE_MAX_VMS; ++i) {
        if (c->vms[i].used && text_equals(c->vms[i].name, name)) return &c->vms[i];
    }
    return NULL;
}

static template_vm* find_by_key(struct tp_vm_client_s* c, tp_str key) {
    int i;
    if (key.len == 0) return NULL;
    for (i = 0; i < TEMPLATE_MAX_VMS; ++i) {
        if (c->vms[i].used && text_equals(c->vms[i].idempotency_key, key)) return &c->vms[i];
    }
    return NULL;
}

static int count_vms(const struct tp_vm_client_s* c) {
    int i, n = 0;
    for (i = 0; i < TEMPLATE_MAX_VMS; ++i) n += c->vms[i].used;
    return n;
}

static int has_all_tags(const template_vm* vm, tp_kv_list filter) {
    uint64_t f, t;
    for (f = 0; f < filter.count; ++f) {
        int found = 0;
        for (t = 0; t < vm->tag_count && !found; ++t) {
            found = text_equals(vm->tag_keys[t], filter.items[f].key) &&
                    text_equals(vm->tag_values[t], filter.items[f].value);
        }
        if (!found) return 0;
    }
    return 1;
}

/* ---- STEP 3: the interface ------------------------------------------------------------- */

static int32_t template_open(tp_str config_json, tp_vm_client* out, tp_error* err) {
    struct tp_vm_client_s* c = calloc(1, sizeof *c);
    if (!c) return tp_error_set(err, TP_ERR_INTERNAL, "out of memory");
    c->max_instances = read_max_instances(config_json);
    if (c->max_instances > TEMPLATE_MAX_VMS) c->max_instances = TEMPLATE_MAX_VMS;
    *out = c;
    return TP_OK;
}

static void template_close(tp_vm_client client) { free(client); }

/* Fills a free row from the spec; fails with a clear status when something does not fit. */
static int32_t store_vm(template_vm* vm, const tp_vm_spec* spec, tp_error* err) {
    uint64_t t;
    memset(vm, 0, sizeof *vm);
    if (spec->tags.count > TEMPLATE_MAX_TAGS) {
        return tp_error_set(err, TP_ERR_INVALID_CONFIG, "too many tags for the template");
    }
    if (!copy_text(vm->name, sizeof vm->name, spec->name) ||
        !copy_text(vm->idempotency_key, sizeof vm->idempotency_key, spec->idempotency_key)) {
        return tp_error_set(err, TP_ERR_INVALID_CONFIG, "name or idempotency key too long");
    }
    for (t = 0; t < spec->tags.count; ++t) {
        if (!copy_text(vm->tag_keys[t], TEMPLATE_TEXT, spec->tags.items[t].key) ||
            !copy_text(vm->tag_values[t], TEMPLATE_TEXT, spec->tags.items[t].value)) {
            return tp_error_set(err, TP_ERR_INVALID_CONFIG, "tag too long for the template");
        }
    }
    vm->tag_count = spec->tags.count;
    vm->created_unix_ms = g_clock ? g_clock->now_unix_ms(g_clock->ctx) : 0;
    vm->used = 1;
    return TP_OK;
}

static int32_t template_create_vm(tp_vm_client c, const tp_call_ctx* call, const tp_vm_spec* spec,
                                  const tp_vm_sink* sink, tp_error* err) {
    template_vm* vm = find_by_key(c, spec->idempotency_key);
    int32_t status;
    int i;
    if (vm) { /* a retry of a create that already happened: report it, create nothing */
        report_vm(vm, sink);
        return TP_OK;
    }
    if (find_by_name(c, spec->name)) {
        return tp_error_set(err, TP_ERR_CONFLICT, "an instance with this name already exists");
    }
    if (count_vms(c) >= c->max_instances) {
        return tp_error_set(err, TP_ERR_CAPACITY, "max_instances reached");
    }
    for (i = 0; i < TEMPLATE_MAX_VMS && c->vms[i].used; ++i) {
    }
    status = store_vm(&c->vms[i], spec, err);
    if (status != TP_OK) return status;
    log_line(TP_LOG_INFO, call, "template: created an instance");
    report_vm(&c->vms[i], sink);
    return TP_OK;
}

static int32_t template_get_vm(tp_vm_client c, const tp_call_ctx* call, tp_str provider_id,
                               const tp_vm_sink* sink, tp_error* err) {
    template_vm* vm = find_by_name(c, provider_id);
    (void)call;
    if (!vm) return tp_error_set(err, TP_ERR_NOT_FOUND, "no such instance");
    report_vm(vm, sink);
    return TP_OK;
}

static int32_t template_list_vms(tp_vm_client c, const tp_call_ctx* call, tp_kv_list filter,
                                 const tp_vm_sink* sink, tp_error* err) {
    int i;
    (void)call;
    (void)err;
    for (i = 0; i < TEMPLATE_MAX_VMS; ++i) {
        if (c->vms[i].used && has_all_tags(&c->vms[i], filter)) report_vm(&c->vms[i], sink);
    }
    return TP_OK;
}

static int32_t template_delete_vm(tp_vm_client c, const tp_call_ctx* call, tp_str provider_id,
                                  tp_error* err) {
    template_vm* vm = find_by_name(c, provider_id);
    (void)err;
    if (vm) {
        vm->used = 0;
        log_line(TP_LOG_INFO, call, "template: deleted an instance");
    }
    return TP_OK; /* idempotent: already gone is success */
}

/* ---- STEP 4: the interface table ------------------------------------------------------- */

static const tp_vm_provider kVmProvider = {
    sizeof(tp_vm_provider),
    0,                           /* reserved0 */
    TP_VM_CAP_IDEMPOTENT_CREATE, /* capabilities */
    kConfigSchema,
    template_open,
    template_close,
    template_create_vm,
    template_get_vm,
    template_list_vms,
    template_delete_vm,
    NULL /* get_credentials: optional, and TP_VM_CAP_CREDENTIALS is not set */
};

/* ---- STEP 5: lifecycle and interface lookup -------------------------------------------- */

static int32_t template_init(const tp_host* host, tp_error* err) {
    g_log = (const tp_log_svc*)host->get_service(host, TP_SVC_LOG_ID);
    g_clock = (const tp_clock_svc*)host->get_service(host, TP_SVC_CLOCK_ID);
    if (!g_clock) return tp_error_set(err, TP_ERR_INTERNAL, "the host offers no clock service");
    return TP_OK;
}

static void template_deinit(void) {
    g_log = NULL;
    g_clock = NULL;
}

static const void* template_get_interface(const char* interface_id) {
    if (strcmp(interface_id, TP_VM_PROVIDER_ID) == 0) return &kVmProvider;
    return NULL; /* e.g. TP_DNS_PROVIDER_ID: not offered */
}

/* ---- STEP 6: the one exported symbol --------------------------------------------------- */

static const tp_plugin_entry kEntry = {
    sizeof(tp_plugin_entry),
    TP_ABI_MAJOR,
    TP_ABI_MINOR,
    0, /* min_host_abi_minor: runs on any 1.x host */
    kPluginId,
    "0.1.0",
    "Template provider: in-memory instances for learning the plugin ABI",
    template_init,
    template_deinit,
    template_get_interface};

TP_PLUGIN_EXPORT const tp_plugin_entry* tidepool_entry_v1(uint32_t host_abi_minor) {
    (void)host_abi_minor; /* a plugin built for a later minor could adapt to an older host */
    return &kEntry;
}
