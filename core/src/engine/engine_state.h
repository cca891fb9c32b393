// The Engine's state: the composition, a private io_context whose one thread runs the runtime's
// control strand, the bridge from the runtime's event bus to the host's subscribers, and
// call(), which runs a function on the strand and waits for its answer.
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "engine/composition.h"
#include "engine/event_fanout.h"
#include "runtime/runtime.h"
#include "tidepool/engine.h"

namespace tidepool::engine {

class EngineState {
public:
    using WorkGuard = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;

    // Members die in reverse order: the runtime first (~Engine resets it explicitly), then
    // control_io with the handlers still queued on it (they point at the runtime but are
    // destroyed unrun), then the store and plugins under both.
    std::unique_ptr<Composition> core;
    boost::asio::io_context control_io;
    std::optional<WorkGuard> work{control_io.get_executor()};
    std::unique_ptr<runtime::Runtime> runtime;
    boost::asio::any_io_executor fanout_executor;  // the host's
    std::shared_ptr<EventFanout> fanout;
    runtime::Subscription bridge;  // runtime bus → fanout; reset before the runtime dies
    std::thread control_thread;
    std::mutex call_mu;  // orders call()'s post against stop()
    bool stopped = false;

    // Runs fn on the control strand and returns its answer. Inline when already on the control
    // thread (the log sink, say), so a re-entrant call cannot wait for itself.
    template <class Fn>
    auto call(Fn fn) -> decltype(fn()) {
        using R = decltype(fn());
        if (std::this_thread::get_id() == control_thread.get_id()) return fn();
        std::promise<R> answer;
        auto future = answer.get_future();
        {
            std::lock_guard lock(call_mu);
            if (stopped) return make_error(ErrorCode::unavailable, "the engine is stopped");
            // Posted before stop() lets the io_context run dry, so it always runs.
            runtime->post([&answer, &fn] { answer.set_value(guarded(fn)); });
        }
        return future.get();
    }

    // Like call(), for calls whose answer acknowledges a write (requesting or ending a
    // session): fn runs in the runtime's group commit and the answer comes once its writes are
    // on disk (Runtime::post_durable). An error from fn rolls its writes back.
    template <class Fn>
    auto call_durable(Fn fn) -> decltype(fn()) {
        using R = decltype(fn());
        if (std::this_thread::get_id() == control_thread.get_id()) return fn();
        std::optional<R> answer;
        std::promise<R> promise;
        auto future = promise.get_future();
        {
            std::lock_guard lock(call_mu);
            if (stopped) return make_error(ErrorCode::unavailable, "the engine is stopped");
            runtime->post_durable(
                [&]() -> Result<void> {
                    answer.emplace(guarded(fn));
                    if (answer->ok()) return {};
                    return answer->error();
                },
                [&](const Result<void>& stored) {
                    if (stored.ok() || !answer->ok()) promise.set_value(std::move(*answer));
                    else promise.set_value(stored.error());
                });
        }
        return future.get();
    }

    template <class Fn>
    static auto guarded(Fn& fn) -> decltype(fn()) {
        try {
            return fn();
        } catch (const std::exception& e) {
            return make_error(ErrorCode::internal, std::string("unexpected error: ") + e.what());
        }
    }

    void start();  // bridge, runtime and control thread
    void stop();
    void publish(const runtime::Event& event);  // [strand]
};

}  // namespace tidepool::engine
