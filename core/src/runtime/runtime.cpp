#include "runtime/runtime.h"

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>

#include "runtime/tokens.h"

namespace tidepool::runtime {

namespace asio = boost::asio;

Runtime::Runtime(asio::io_context& io, RuntimeOptions options, store::Store& store,
                 ProviderGateway& providers)
    : strand_(asio::make_strand(io)),
      workers_(static_cast<std::size_t>(std::max(1, options.worker_threads))),
      timer_(io),
      options_(std::move(options)),
      store_(store),
      providers_(providers),
      service_tokens_(options_.service_token_key) {
    // The installation id tags every machine this database owns; it must survive restarts,
    // or reconciliation would treat our own machines as someone else's.
    auto existing = store_.get_meta("installation_id");
    if (existing.ok() && existing.value()) {
        installation_id_ = *existing.value();
    } else {
        installation_id_ = random_hex(6);
        (void)store_.set_meta("installation_id", installation_id_);
    }
    watch_session_connections();
}

Runtime::~Runtime() {
    stop();
    workers_.join();
}

void Runtime::start() {
    post([this] {
        reconcile();
        tick();
        schedule_tick();
    });
}

void Runtime::stop() {
    if (stopping_.exchange(true)) return;
    // Wake every worker asleep in a retry backoff or a rate-limit wait, and tell plugins to
    // give up, so joining the workers never waits out a backoff. Their intents stay unsettled
    // in the journal (see finish_create) and the next start's reconciliation finishes them.
    stop_signal_.cancel();
    asio::post(strand_, [this] { timer_.cancel(); });
}

void Runtime::post(std::function<void()> fn) {
    asio::post(strand_, [fn = std::move(fn), request_id = current_request_id()] {
        RequestScope scope(request_id);
        fn();
    });
}

void Runtime::schedule_tick() {
    if (stopping_) return;
    timer_.expires_after(options_.tick);
    timer_.async_wait(asio::bind_executor(strand_, [this](const boost::system::error_code& ec) {
        if (ec || stopping_) return;
        if (++ticks_ % std::max(1, options_.reconcile_every_ticks) == 0) reconcile();
        tick();
        schedule_tick();
    }));
}

model::Instant Runtime::now() const {
    if (options_.clock) return options_.clock();
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

void Runtime::tick() {
    auto started = std::chrono::steady_clock::now();
    auto pools = store_.list_pools();
    if (!pools.ok()) {
        log("error", "cannot list pools: " + pools.error().message);
        return;
    }
    for (const auto& pool : pools.value()) {
        watch_starting(pool);
        expire_queued(pool);
        place_queued(pool);
        plan_pool(pool);
        remove_drained(pool);
        announce_queue(pool);  // after planning: new orders change the ETAs
    }
    retry_machine_passwords();
    std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    tick_seconds_.observe(took.count());
}

CallOptions Runtime::call_options(std::chrono::seconds timeout) const {
    CallOptions call;
    call.request_id = new_id("req");
    call.deadline = std::chrono::system_clock::now() + timeout;
    call.cancel = stop_signal_;  // stop() cancels every call still running or retrying
    return call;
}

Tags Runtime::tags_for(const model::AutoScaleConfig& config, const model::Server& server) const {
    return Tags{{kTagInstallation, installation_id_},
                {kTagConfig, config.id},
                {kTagMachine, server.id}};
}

void Runtime::log(const std::string& level, const std::string& message) {
    if (options_.log) options_.log(level, message);
}

}  // namespace tidepool::runtime
