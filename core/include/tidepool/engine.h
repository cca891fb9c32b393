// The embedding API: Tidepool's engine inside a host program, without tidepoold. The host
// gives it a store path, plugin directories, its Asio executor and a log sink, applies the
// same config bundle `tidepool configs apply` takes, then requests and ends sessions, drains
// machines and listens to events. See docs/embedding.md.
//
// Threading: every method is thread-safe and synchronous. The work runs on the engine's own
// control strand (its own thread) and the calling thread waits for the answer, so a call made
// from an event handler, from the log sink or from any host thread never deadlocks. Event
// handlers run on the host's executor, never on the engine's threads.
#pragma once

#include <memory>
#include <string_view>

#include "tidepool/connection.h"
#include "tidepool/engine_events.h"
#include "tidepool/export.h"
#include "tidepool/options.h"
#include "tidepool/result.h"
#include "tidepool/session.h"

namespace tidepool {

namespace engine {
class EngineState;  // the library's; not part of the API
}

// What one apply_config stored.
struct ConfigCounts {
    int zones = 0;
    int pools = 0;
    int provider_configs = 0;
    int autoscale_configs = 0;
};

class TIDEPOOL_API Engine {
public:
    // Opens the store and the sealing key, loads the plugins, reconciles with every provider
    // already configured and starts planning. Errors name the option at fault (/store_path,
    // /plugin_dirs/1, /executor, ...).
    static Result<std::unique_ptr<Engine>> create(Options options);
    // stop(), then releases everything.
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // A config bundle (zones, pools, provider_configs, autoscale_configs), exactly as
    // `tidepool configs apply` takes it: validated whole, stored in one transaction. Errors
    // name the field as a JSON pointer (/autoscale_configs/0/pool_id).
    Result<ConfigCounts> apply_config(std::string_view bundle_json);

    // Places the session at once when a machine can take it, else queues it (position and
    // ETA set) while the planner provisions. Refused only when no config could ever add room.
    Result<SessionOutcome> request_session(const SessionRequest& request);
    Result<SessionOutcome> session(std::string_view session_id);
    // How to connect to a placed session's machine, with credentials.
    Result<Connection> connection(std::string_view session_id);
    // Ends a placed session or cancels a queued one; ending twice is not an error.
    Result<void> end_session(std::string_view session_id);
    // Withdraws a queued request; a placed session is a conflict (end it instead).
    Result<void> cancel(std::string_view session_id);

    // A draining machine takes no new sessions and is removed once empty; undrain reverses it.
    Result<void> drain(std::string_view machine_id);
    Result<void> undrain(std::string_view machine_id);
    // A machine reporting in with its single-use check-in token ({checkin_url}'s last
    // segment), for hosts that serve check-in themselves. status: "running".
    Result<void> check_in(std::string_view token, std::string_view status,
                          std::string_view address);

    // Calls handler on the host's executor for every event published from now on, in order.
    [[nodiscard]] Subscription subscribe(EventHandler handler);

    // Stops planning, cancels provider calls in flight and waits for the engine's threads.
    // What a cancelled call left half-done is journalled and settled by the next start's
    // reconciliation, so nothing is orphaned or doubled. Later calls fail with `unavailable`;
    // events already queued for handlers are still delivered. Idempotent.
    void stop();

private:
    explicit Engine(std::unique_ptr<engine::EngineState> state);
    std::unique_ptr<engine::EngineState> impl_;
};

}  // namespace tidepool
