// One open client of the sim provider: the cloud's front door. Each call goes through the rate
// limiter, then the injected faults (drawn from the client's seeded PRNG), then the shared
// cloud. Time comes only from the host clock service, so the same code runs on real time in
// tidepoold and on virtual time in the simulator and tests.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include <tidepool/sdk/sdk.hpp>

#include "cloud.h"
#include "prng.h"
#include "sim_config.h"

namespace tidepool::sim {

class SimClient {
public:
    static std::unique_ptr<SimClient> open(std::string_view config_json);
    SimClient(SimConfig config, std::shared_ptr<Cloud> cloud, uint64_t seed);

    void create(const sdk::Call& call, const sdk::VmSpec& spec, const sdk::VmSink& sink);
    void get(const sdk::Call& call, std::string_view provider_id, const sdk::VmSink& sink);
    void list(const sdk::Call& call, const sdk::KeyValues& filter, const sdk::VmSink& sink);
    void remove(const sdk::Call& call, std::string_view provider_id);

private:
    enum class Op { create, read, remove };

    // Rate limit and injected faults; throws the failure, or returns true when the call should
    // go through and then time out (its answer is "lost").
    bool admit(const sdk::Call& call, Op op, int64_t now_ms);
    [[noreturn]] void throttled(int64_t retry_after_ms, const char* why) const;
    // Hangs until timeout_after_ms or the call's deadline, then throws TP_ERR_TIMEOUT.
    [[noreturn]] void lose_answer(const sdk::Call& call, int64_t now_ms) const;
    sdk::VmRecord describe(const SimVm& vm, int64_t now_ms) const;
    // Half of a call's round trip: the request or the answer on the wire. Cancellation and the
    // deadline cut it short (TP_ERR_CANCELLED / TP_ERR_TIMEOUT); on the way back the cloud has
    // already acted, so a caller cut off there must find its VM by key or by tag.
    void on_the_wire(const sdk::Call& call, int64_t ms) const;

    SimConfig config_;
    std::shared_ptr<Cloud> cloud_;  // shared with every client naming the same cloud
    Prng prng_;                     // per client: calls on one client are serialised
};

}  // namespace tidepool::sim
