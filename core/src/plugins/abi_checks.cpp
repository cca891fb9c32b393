#include "plugins/abi_checks.h"

#include <fmt/format.h>

namespace tidepool::plugins {

namespace {

Refusal invalid(std::string step, std::string reason) {
    return Refusal{std::move(step), ErrorCode::invalid, std::move(reason)};
}

Check short_struct(const char* step, const char* what, uint32_t size, uint32_t needed) {
    if (size >= needed) return std::nullopt;
    return invalid(step, fmt::format("{} struct_size is {} bytes; ABI 1.0 needs at least {}", what,
                                     size, needed));
}

// The first NULL among required members, named as in the header.
template <size_t N>
Check missing(const char* step, const char* table, const std::pair<const char*, bool> (&fns)[N]) {
    for (const auto& [name, present] : fns) {
        if (!present) {
            return invalid(step, fmt::format("required member {}.{} is NULL", table, name));
        }
    }
    return std::nullopt;
}

}  // namespace

std::string plugin_abi_text(const tp_plugin_entry& entry) {
    return fmt::format("{}.{}", entry.abi_major, entry.abi_minor);
}

Check check_entry(const tp_plugin_entry* entry, std::string& plugin_abi) {
    if (!entry) return invalid("entry struct", TP_ENTRY_SYMBOL " returned NULL");
    // The version words come first in every layout; read them before trusting anything else.
    if (auto bad = short_struct("entry struct", "tp_plugin_entry", entry->struct_size,
                                offsetof(tp_plugin_entry, id))) {
        return bad;
    }
    plugin_abi = plugin_abi_text(*entry);
    if (entry->abi_major != TP_ABI_MAJOR) {
        return invalid("abi version", fmt::format("built for ABI major {}; this host speaks {}",
                                                  entry->abi_major, TP_ABI_MAJOR));
    }
    if (entry->min_host_abi_minor > TP_ABI_MINOR) {
        return invalid("abi version",
                       fmt::format("needs a host with ABI minor {} or newer; this host is {}.{}",
                                   entry->min_host_abi_minor, TP_ABI_MAJOR, TP_ABI_MINOR));
    }
    if (auto bad =
            short_struct("entry struct", "tp_plugin_entry", entry->struct_size, kEntrySizeV1_0)) {
        return bad;
    }
    if (!entry->id || !entry->id[0]) return invalid("entry struct", "tp_plugin_entry.id is empty");
    return missing("entry struct", "tp_plugin_entry",
                   {{"version", entry->version != nullptr},
                    {"init", entry->init != nullptr},
                    {"deinit", entry->deinit != nullptr},
                    {"get_interface", entry->get_interface != nullptr}});
}

Check check_vm_provider(const tp_vm_provider* t) {
    const char* step = "vm_provider table";
    if (auto bad = short_struct(step, "tp_vm_provider", t->struct_size, kVmProviderSizeV1_0)) {
        return bad;
    }
    if (auto bad = missing(step, "tp_vm_provider",
                           {{"config_schema", t->config_schema != nullptr},
                            {"open", t->open != nullptr},
                            {"close", t->close != nullptr},
                            {"create_vm", t->create_vm != nullptr},
                            {"get_vm", t->get_vm != nullptr},
                            {"list_vms", t->list_vms != nullptr},
                            {"delete_vm", t->delete_vm != nullptr}})) {
        return bad;
    }
    if ((t->capabilities & TP_VM_CAP_CREDENTIALS) && !t->get_credentials) {
        return invalid(step, "TP_VM_CAP_CREDENTIALS is set but get_credentials is NULL");
    }
    return std::nullopt;
}

Check check_dns_provider(const tp_dns_provider* t) {
    const char* step = "dns_provider table";
    if (auto bad = short_struct(step, "tp_dns_provider", t->struct_size, kDnsProviderSizeV1_0)) {
        return bad;
    }
    return missing(step, "tp_dns_provider",
                   {{"config_schema", t->config_schema != nullptr},
                    {"open", t->open != nullptr},
                    {"close", t->close != nullptr},
                    {"upsert_record", t->upsert_record != nullptr},
                    {"delete_record", t->delete_record != nullptr},
                    {"list_records", t->list_records != nullptr}});
}

}  // namespace tidepool::plugins
