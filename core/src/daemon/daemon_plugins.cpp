#include "daemon/daemon_plugins.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace tidepool::daemon {
namespace {

const char* level_name(int32_t level) {
    switch (level) {
        case TP_LOG_DEBUG: return "debug";
        case TP_LOG_WARN: return "warn";
        case TP_LOG_ERROR: return "error";
        default: return "info";
    }
}

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

DaemonPlugins::DaemonPlugins(const std::vector<std::string>& dirs, store::Store& store,
                             Logger& logger, std::shared_ptr<const secrets::Sealer> sealer)
    : logger_(logger) {
    plugins::RegistryOptions options;
    for (const auto& d : dirs) options.plugin_dirs.emplace_back(d);
    options.services.log = [&logger](const plugins::LogRecord& r) {
        logger.log(level_name(r.level),
                   (r.plugin_id.empty() ? "" : "[" + r.plugin_id + "] ") + r.message,
                   r.request_id);
    };
    registry_ = std::make_unique<plugins::PluginRegistry>(std::move(options));
    gateway_ = std::make_unique<providers::PluginGateway>(*registry_, store, std::move(sealer));
    resilient_ = std::make_unique<providers::ResilientGateway>(*gateway_);
    metered_ = std::make_unique<providers::MeteredGateway>(*resilient_);
}

std::unique_ptr<DaemonPlugins> DaemonPlugins::open(const std::vector<std::string>& dirs,
                                                   store::Store& store, Logger& logger,
                                                   std::shared_ptr<const secrets::Sealer> sealer) {
    std::unique_ptr<DaemonPlugins> p(new DaemonPlugins(dirs, store, logger, std::move(sealer)));
    p->reload();
    return p;
}

std::string DaemonPlugins::reload() {
    auto report = registry_->reload();
    for (const auto& line : report.refused) logger_.log("warn", "plugin refused: " + line);
    for (const auto& line : report.problems) logger_.log("warn", "plugins: " + line);
    for (const auto& p : report.loaded)
        logger_.log("info", "plugin loaded: " + p.id + " " + p.version + " from " +
                                p.file.string());
    if (!report.loaded.empty() || !report.retired.empty()) gateway_->invalidate_all();
    registry_->collect_retired();
    return list_json();
}

std::string DaemonPlugins::list_json() const {
    rapidjson::StringBuffer b;
    rapidjson::Writer<rapidjson::StringBuffer> w(b);
    w.StartObject();
    w.Key("items");
    w.StartArray();
    for (const auto& p : registry_->list()) write_plugin(w, p);
    w.EndArray();
    w.Key("refused");
    w.StartArray();
    for (const auto& line : registry_->refusals()) w.String(line);
    w.EndArray();
    w.EndObject();
    return b.GetString();
}

PluginAdmin DaemonPlugins::admin() {
    return PluginAdmin{[this] { return list_json(); },
                       [this]() -> Result<std::string> { return reload(); },
                       [this] { return metered_->calls(); },
                       [this] { return resilient_->stats(); }};
}

}  // namespace tidepool::daemon
