#include "daemon/daemon_plugins.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "runtime/request_scope.h"

namespace tidepool::daemon {
namespace {

std::vector<std::string> capability_names(const plugins::PluginInfo& p) {
    std::vector<std::string> out;
    const std::pair<uint64_t, const char*> vm_caps[] = {
        {TP_VM_CAP_CREDENTIALS, "credentials"},
        {TP_VM_CAP_IDEMPOTENT_CREATE, "idempotent_create"},
        {TP_VM_CAP_STARTUP_SCRIPT, "startup_script"},
        {TP_VM_CAP_PUBLIC_IP, "public_ip"}};
    for (const auto& [bit, name] : vm_caps)
        if (p.vm_capabilities & bit) out.push_back(name);
    return out;
}

void write_plugin(rapidjson::Writer<rapidjson::StringBuffer>& w, const plugins::PluginInfo& p) {
    w.StartObject();
    w.Key("id");
    w.String(p.id);
    w.Key("version");
    w.String(p.version);
    w.Key("abi");
    w.String(std::to_string(p.abi_major) + "." + std::to_string(p.abi_minor));
    w.Key("file");
    w.String(p.file.string());
    w.Key("description");
    w.String(p.description);
    w.Key("interfaces");
    w.StartArray();
    for (const auto& i : p.interfaces) w.String(i);
    w.EndArray();
    w.Key("capabilities");
    w.StartArray();
    for (const auto& c : capability_names(p)) w.String(c);
    w.EndArray();
    w.EndObject();
}

}  // namespace

std::string plugin_list_json(const engine::PluginStack& plugins) {
    rapidjson::StringBuffer b;
    rapidjson::Writer<rapidjson::StringBuffer> w(b);
    w.StartObject();
    w.Key("items");
    w.StartArray();
    for (const auto& p : plugins.list()) write_plugin(w, p);
    w.EndArray();
    w.Key("refused");
    w.StartArray();
    for (const auto& line : plugins.refusals()) w.String(line);
    w.EndArray();
    w.EndObject();
    return b.GetString();
}

PluginAdmin plugin_admin(engine::PluginStack& plugins) {
    return PluginAdmin{[&plugins] { return plugin_list_json(plugins); },
                       [&plugins]() -> Result<std::string> {
                           plugins.reload();
                           return plugin_list_json(plugins);
                       },
                       [&plugins] { return plugins.calls(); },
                       [&plugins] { return plugins.resilience_stats(); }};
}

engine::LogSink log_sink(Logger& logger) {
    // The engine hands over a plugin line's provider-call id ("" for the runtime's own lines);
    // the API request the work is done for, if any, is the thread's RequestScope: the runtime
    // carries it from the handler to the strand and to the worker making the provider call.
    return [&logger](const std::string& level, const std::string& line,
                     const std::string& call_id) {
        logger.log(level, line, runtime::current_request_id(), call_id);
    };
}

std::unique_ptr<DaemonPlugins> DaemonPlugins::open(const std::vector<std::string>& dirs,
                                                   store::Store& store, Logger& logger,
                                                   std::shared_ptr<const secrets::Sealer> sealer) {
    return std::unique_ptr<DaemonPlugins>(new DaemonPlugins(
        engine::PluginStack::open(dirs, store, log_sink(logger), std::move(sealer))));
}

std::string DaemonPlugins::reload() {
    stack_->reload();
    return plugin_list_json(*stack_);
}

}  // namespace tidepool::daemon
