#include "plugins/loader.h"

#include <string>

#include <fmt/format.h>

#include "plugins/abi_checks.h"
#include "plugins/status.h"

namespace tidepool::plugins {

namespace {

using State = LoadedPlugin::State;

// One load in progress: reports each step and formats the refusal line with the versions
// known so far.
struct Attempt {
    const std::filesystem::path& file;
    const LoadOptions& options;
    std::string plugin_abi = "unknown";

    Error refuse(const Refusal& r) const {
        Error error = make_error(
            r.code, fmt::format("refused plugin {}: {} (symbol {}, host ABI {}.{}, plugin ABI {})",
                                file.string(), r.reason, TP_ENTRY_SYMBOL, TP_ABI_MAJOR,
                                TP_ABI_MINOR, plugin_abi));
        if (options.on_step) options.on_step(r.step, &error);
        return error;
    }
    void passed(std::string_view step) const {
        if (options.on_step) options.on_step(step, nullptr);
    }
};

Check initialise(State& s, std::shared_ptr<const HostServices> services) {
    s.host = std::make_unique<PluginHost>(std::move(services), s.entry->id);
    tp_error err = fresh_error();
    int32_t status = s.entry->init(s.host->get(), &err);
    if (status == TP_OK) {
        s.initialised = true;
        return std::nullopt;
    }
    Error e = error_from_call("init failed", status, err, nullptr);
    return Refusal{"init", ErrorCode::invalid, fmt::format("{} (status {})", e.message, status)};
}

Check attach_schema(const char* step, const char* text, std::shared_ptr<const ConfigSchema>& out) {
    auto schema = ConfigSchema::parse(text);
    if (!schema) return Refusal{step, ErrorCode::invalid, schema.error().message};
    out = std::move(*schema);
    return std::nullopt;
}

// Asks for every interface this host knows; at least one must be offered, and each offered
// table must pass its checks and carry a valid schema.
Check attach_interfaces(State& s, const Attempt& a) {
    s.vm = static_cast<const tp_vm_provider*>(s.entry->get_interface(TP_VM_PROVIDER_ID));
    s.dns = static_cast<const tp_dns_provider*>(s.entry->get_interface(TP_DNS_PROVIDER_ID));
    if (!s.vm && !s.dns) {
        return Refusal{"interfaces", ErrorCode::invalid,
                       "offers no interface this host knows (" TP_VM_PROVIDER_ID
                       ", " TP_DNS_PROVIDER_ID ")"};
    }
    a.passed("interfaces");
    if (s.vm) {
        if (auto bad = check_vm_provider(s.vm)) return bad;
        a.passed("vm_provider table");
        if (auto bad = attach_schema("vm_provider schema", s.vm->config_schema, s.vm_schema)) {
            return bad;
        }
        a.passed("vm_provider schema");
        s.info.interfaces.push_back(TP_VM_PROVIDER_ID);
        s.info.vm_capabilities = s.vm->capabilities;
    }
    if (s.dns) {
        if (auto bad = check_dns_provider(s.dns)) return bad;
        a.passed("dns_provider table");
        if (auto bad = attach_schema("dns_provider schema", s.dns->config_schema, s.dns_schema)) {
            return bad;
        }
        a.passed("dns_provider schema");
        s.info.interfaces.push_back(TP_DNS_PROVIDER_ID);
        s.info.dns_capabilities = s.dns->capabilities;
    }
    return std::nullopt;
}

void describe(State& s, const std::filesystem::path& file) {
    s.info.file = file;
    s.info.id = s.entry->id;
    s.info.version = s.entry->version;
    s.info.description = s.entry->description ? s.entry->description : "";
    s.info.abi_major = s.entry->abi_major;
    s.info.abi_minor = s.entry->abi_minor;
    s.info.min_host_abi_minor = s.entry->min_host_abi_minor;
}

}  // namespace

Result<std::shared_ptr<LoadedPlugin>> PluginLoader::load(
    const std::filesystem::path& file, std::shared_ptr<const HostServices> services,
    const LoadOptions& options) {
    Attempt a{file, options};
    auto opened = open_plugin_file(file);
    if (!opened) return a.refuse({"file permissions", opened.error().code, opened.error().message});
    a.passed("file permissions");
    auto library = DynamicLibrary::open(std::move(opened->fd), file);
    if (!library) return a.refuse({"dlopen", ErrorCode::invalid, library.error().message});
    a.passed("dlopen");

    // From here on, plugin's destructor undoes whatever was done (deinit, then unload).
    std::shared_ptr<LoadedPlugin> plugin(new LoadedPlugin());
    State& s = plugin->state_;
    s.library = std::move(*library);
    s.identity = opened->identity;
    tp_entry_fn_v1 entry_fn = s.library->entry_v1();
    if (!entry_fn)
        return a.refuse({"entry symbol", ErrorCode::invalid, "no " TP_ENTRY_SYMBOL " exported"});
    a.passed("entry symbol");
    s.entry = entry_fn(TP_ABI_MINOR);
    if (auto bad = check_entry(s.entry, a.plugin_abi)) return a.refuse(*bad);
    a.passed("entry struct and ABI version");
    describe(s, file);
    if (options.id_taken && options.id_taken(s.info.id)) {
        return a.refuse(
            {"unique id", ErrorCode::conflict,
             fmt::format("plugin id {} is already loaded from another file", s.info.id)});
    }
    a.passed("unique id");
    if (auto bad = initialise(s, std::move(services))) return a.refuse(*bad);
    a.passed("init");
    if (auto bad = attach_interfaces(s, a)) return a.refuse(*bad);
    return plugin;
}

}  // namespace tidepool::plugins
