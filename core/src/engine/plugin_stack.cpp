#include "engine/plugin_stack.h"

namespace tidepool::engine {
namespace {

const char* level_name(int32_t level) {
    switch (level) {
        case TP_LOG_DEBUG: return "debug";
        case TP_LOG_WARN: return "warn";
        case TP_LOG_ERROR: return "error";
        default: return "info";
    }
}

}  // namespace

PluginStack::PluginStack(const std::vector<std::string>& dirs, store::Store& store, LogSink log,
                         std::shared_ptr<const secrets::Sealer> sealer)
    : log_(std::move(log)) {
    plugins::RegistryOptions options;
    for (const auto& d : dirs) options.plugin_dirs.emplace_back(d);
    // Plugins log through the host services from their own threads; the sink is thread-safe.
    options.services.log = [log = log_](const plugins::LogRecord& r) {
        if (!log) return;
        log(level_name(r.level), (r.plugin_id.empty() ? "" : "[" + r.plugin_id + "] ") + r.message,
            r.request_id);
    };
    registry_ = std::make_unique<plugins::PluginRegistry>(std::move(options));
    gateway_ = std::make_unique<providers::PluginGateway>(*registry_, store, std::move(sealer));
    resilient_ = std::make_unique<providers::ResilientGateway>(*gateway_);
    metered_ = std::make_unique<providers::MeteredGateway>(*resilient_);
}

std::unique_ptr<PluginStack> PluginStack::open(const std::vector<std::string>& dirs,
                                               store::Store& store, LogSink log,
                                               std::shared_ptr<const secrets::Sealer> sealer) {
    std::unique_ptr<PluginStack> p(
        new PluginStack(dirs, store, std::move(log), std::move(sealer)));
    p->reload();
    return p;
}

void PluginStack::reload() {
    auto report = registry_->reload();
    auto say = [this](const char* level, const std::string& line) {
        if (log_) log_(level, line, "");
    };
    for (const auto& line : report.refused) say("warn", "plugin refused: " + line);
    for (const auto& line : report.problems) say("warn", "plugins: " + line);
    for (const auto& p : report.loaded)
        say("info", "plugin loaded: " + p.id + " " + p.version + " from " + p.file.string());
    if (!report.loaded.empty() || !report.retired.empty()) gateway_->invalidate_all();
    registry_->collect_retired();
}

}  // namespace tidepool::engine
