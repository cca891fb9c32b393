/* Tidepool plugin ABI v1 -- the one exported symbol.
 *
 * A plugin is a shared library named tidepool-<name>.so that exports exactly one symbol:
 *
 *     const tp_plugin_entry* tidepool_entry_v1(uint32_t host_abi_minor);
 *
 * The major version is in the symbol name, so a v2 host looks for tidepool_entry_v2 and never
 * misreads a v1 struct. Minors only append fields; struct_size tells the host which exist.
 * The host loads with RTLD_NOW|RTLD_LOCAL, calls the entry once, checks abi_major,
 * min_host_abi_minor and struct_size, then calls init(). See plugin-api/ABI.md.
 */
#ifndef TIDEPOOL_ENTRY_H
#define TIDEPOOL_ENTRY_H

#include <stdint.h>

#include "error.h"
#include "host.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TP_ABI_MAJOR 1
#define TP_ABI_MINOR 0
#define TP_ENTRY_SYMBOL "tidepool_entry_v1"

/* Marks the entry function as the library's only exported symbol (build with
 * -fvisibility=hidden). */
#if defined(__GNUC__)
#define TP_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define TP_PLUGIN_EXPORT
#endif

typedef struct tp_plugin_entry {
    uint32_t struct_size;        /* sizeof(tp_plugin_entry) as the plugin was built */
    uint32_t abi_major;          /* TP_ABI_MAJOR the plugin was built against */
    uint32_t abi_minor;          /* TP_ABI_MINOR the plugin was built against */
    uint32_t min_host_abi_minor; /* oldest host minor the plugin works with */
    const char* id;              /* [static] reverse-DNS id, e.g. "org.tidepool.local" */
    const char* version;         /* [static] the plugin's own version, e.g. "1.2.0" */
    const char* description;     /* [static] one line for `tidepool plugin list` */
    /* Called once after loading, before get_interface. host is [host-owned] and valid until
     * deinit returns. Non-zero status refuses the plugin (err says why). [main] */
    int32_t (*init)(const tp_host* host, tp_error* err);
    /* Called once before unloading, after every handle was closed and every call returned.
     * [main] */
    void (*deinit)(void);
    /* Returns the interface table for interface_id (e.g. TP_VM_PROVIDER_ID) or NULL. The table
     * is [static]. Called only between init and deinit. [any-thread] */
    const void* (*get_interface)(const char* interface_id);
} tp_plugin_entry;

/* The entry function's type. host_abi_minor lets the plugin tailor what it returns. Must not
 * fail or allocate; returns a [static] struct (or NULL, which the host refuses). */
typedef const tp_plugin_entry* (*tp_entry_fn_v1)(uint32_t host_abi_minor);

#ifdef __cplusplus
}
#endif
#endif /* TIDEPOOL_ENTRY_H */
