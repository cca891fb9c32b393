// The embedding API (tidepool/engine.h) over the same composition tidepoold uses.
#include "tidepool/engine.h"

#include <filesystem>

#include "engine/engine_state.h"
#include "engine/public_types.h"

namespace tidepool {
namespace {

LogLevel level_of(const std::string& name) {
    if (name == "debug") return LogLevel::debug;
    if (name == "warn") return LogLevel::warn;
    if (name == "error") return LogLevel::error;
    return LogLevel::info;
}

engine::LogSink adapt(LogSink sink) {
    if (!sink) return {};
    return [sink = std::move(sink)](const std::string& level, const std::string& line,
                                    const std::string& request_id) {
        sink(level_of(level), request_id.empty() ? line : line + " (request " + request_id + ")");
    };
}

Result<void> check_options(const Options& o) {
    if (o.store_path.empty())
        return make_error(ErrorCode::invalid, "store_path is required: the SQLite file to use",
                          "/store_path");
    if (!o.executor)
        return make_error(ErrorCode::invalid,
                          "executor is required: the host's executor event handlers run on",
                          "/executor");
    for (std::size_t i = 0; i < o.plugin_dirs.size(); ++i)
        if (!std::filesystem::is_directory(o.plugin_dirs[i]))
            return make_error(ErrorCode::invalid,
                              "plugin directory \"" + o.plugin_dirs[i].string() +
                                  "\" does not exist; pass the directory holding tidepool-*.so",
                              "/plugin_dirs/" + std::to_string(i));
    if (o.tick.count() <= 0)
        return make_error(ErrorCode::invalid,
                          std::to_string(o.tick.count()) + " ms is not a tick; use > 0",
                          "/tick");
    if (o.reconcile_every_ticks < 1)
        return make_error(ErrorCode::invalid,
                          std::to_string(o.reconcile_every_ticks) + " is not allowed; use >= 1",
                          "/reconcile_every_ticks");
    if (o.worker_threads < 1 || o.worker_threads > 256)
        return make_error(ErrorCode::invalid,
                          std::to_string(o.worker_threads) + " is not allowed; use 1..256",
                          "/worker_threads");
    return {};
}

runtime::RuntimeOptions runtime_options(const Options& o) {
    runtime::RuntimeOptions ro;
    ro.tick = o.tick;
    ro.reconcile_every_ticks = o.reconcile_every_ticks;
    ro.worker_threads = o.worker_threads;
    if (!o.api_url.empty()) ro.api_url = o.api_url;
    return ro;
}

// Errors about SessionRequest name its members, not the runtime's.
Error about_request(Error e) {
    if (e.field == "/pool_id") e.field = "/pool";
    return e;
}

Result<void> as_void(const Result<model::Server>& r) {
    if (!r.ok()) return r.error();
    return {};
}

}  // namespace

void engine::EngineState::start() {
    fanout = std::make_shared<engine::EventFanout>(fanout_executor);
    bridge = runtime->events().subscribe([this](const runtime::Event& e) { publish(e); });
    runtime->start();
    control_thread = std::thread([this] { control_io.run(); });
}

void engine::EngineState::publish(const runtime::Event& e) {
    auto event = engine::to_public(e);
    // The runtime's own subscriber (subscribed first) has prepared the session's connection.
    if (e.kind == runtime::EventKind::session_placed)
        if (auto c = runtime->connection_for(e.session_id, true); c.ok())
            event.connection = engine::to_public(c.value());
    fanout->deliver(std::move(event));
}

void engine::EngineState::stop() {
    {
        std::lock_guard lock(call_mu);
        if (stopped) return;
        stopped = true;
    }
    runtime->stop();  // cancels provider calls and the tick timer
    work.reset();     // control_io runs what is queued, then returns
    if (control_thread.joinable() && control_thread.get_id() != std::this_thread::get_id())
        control_thread.join();
}

Result<std::unique_ptr<Engine>> Engine::create(Options options) {
    if (auto r = check_options(options); !r.ok()) return r.error();
    std::vector<std::string> dirs;
    for (const auto& d : options.plugin_dirs) dirs.push_back(d.string());
    auto core = engine::Composition::open(
        {options.data_dir, options.store_path, std::move(dirs), adapt(options.log)});
    if (!core.ok()) return core.error();
    auto impl = std::make_unique<engine::EngineState>();
    impl->core = std::move(core.value());
    impl->runtime = impl->core->make_runtime(impl->control_io, runtime_options(options));
    impl->fanout_executor = options.executor;
    impl->start();
    return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

Engine::Engine(std::unique_ptr<engine::EngineState> state) : impl_(std::move(state)) {}

Engine::~Engine() {
    stop();
    impl_->bridge.reset();
    impl_->runtime.reset();  // joins the provider workers; their answers are never run
}

void Engine::stop() { impl_->stop(); }

Result<ConfigCounts> Engine::apply_config(std::string_view bundle_json) {
    return impl_->call([&]() -> Result<ConfigCounts> {
        auto applied = impl_->core->apply_bundle_text(bundle_json);
        if (!applied.ok()) return applied.error();
        const auto& n = applied.value();
        return ConfigCounts{n.zones, n.pools, n.provider_configs, n.autoscale_configs};
    });
}

Result<SessionOutcome> Engine::request_session(const SessionRequest& request) {
    return impl_->call_durable([&]() -> Result<SessionOutcome> {
        auto view = impl_->runtime->request_session(
            {request.pool, request.user, engine::to_model(request.kind), request.priority,
             request.workspace, request.cores, request.gpus, request.memory_gib});
        if (!view.ok()) return about_request(view.error());
        auto outcome = engine::to_public(view.value());
        if (outcome.state == SessionState::placed)
            if (auto c = impl_->runtime->connection_for(outcome.id, true); c.ok())
                outcome.connection = engine::to_public(c.value());
        return outcome;
    });
}

Result<SessionOutcome> Engine::session(std::string_view session_id) {
    return impl_->call([&]() -> Result<SessionOutcome> {
        auto view = impl_->runtime->get_session(std::string(session_id));
        if (!view.ok()) return view.error();
        auto outcome = engine::to_public(view.value());
        if (outcome.state == SessionState::placed)
            if (auto c = impl_->runtime->connection_for(outcome.id, true); c.ok())
                outcome.connection = engine::to_public(c.value());
        return outcome;
    });
}

Result<Connection> Engine::connection(std::string_view session_id) {
    return impl_->call([&]() -> Result<Connection> {
        auto c = impl_->runtime->connection_for(std::string(session_id), true);
        if (!c.ok()) return c.error();
        return engine::to_public(c.value());
    });
}

Result<void> Engine::end_session(std::string_view session_id) {
    return impl_->call_durable(
        [&] { return impl_->runtime->release_session(std::string(session_id)); });
}

Result<void> Engine::cancel(std::string_view session_id) {
    return impl_->call_durable([&]() -> Result<void> {
        auto view = impl_->runtime->get_session(std::string(session_id));
        if (!view.ok()) return view.error();
        if (view->session.state == model::SessionState::placed)
            return make_error(ErrorCode::conflict,
                              "session \"" + view->session.id + "\" is already placed on " +
                                  view->session.server_id + "; end_session ends it");
        return impl_->runtime->release_session(view->session.id);
    });
}

Result<void> Engine::drain(std::string_view machine_id) {
    return impl_->call(
        [&] { return as_void(impl_->runtime->set_draining(std::string(machine_id), true)); });
}

Result<void> Engine::undrain(std::string_view machine_id) {
    return impl_->call(
        [&] { return as_void(impl_->runtime->set_draining(std::string(machine_id), false)); });
}

Result<void> Engine::check_in(std::string_view token, std::string_view status,
                              std::string_view address) {
    return impl_->call([&] {
        return as_void(impl_->runtime->check_in(std::string(token), std::string(status),
                                                std::string(address)));
    });
}

Subscription Engine::subscribe(EventHandler handler) {
    return impl_->fanout->subscribe(std::move(handler));
}

}  // namespace tidepool
