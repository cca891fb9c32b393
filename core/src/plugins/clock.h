// The clock plugins see through the "tidepool.clock/1" service. The daemon uses RealClock;
// the simulator and tests plug in a virtual clock so plugin polling loops run on fake time.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include <tidepool/types.h>

namespace tidepool::plugins {

class Clock {
public:
    virtual ~Clock() = default;
    // Milliseconds since the Unix epoch.
    virtual int64_t now_unix_ms() = 0;
    // Waits ms; returns TP_OK, or TP_ERR_CANCELLED / TP_ERR_TIMEOUT as soon as call (may be
    // NULL) is cancelled or its deadline passes.
    virtual int32_t sleep_ms(const tp_call_ctx* call, int64_t ms) = 0;
};

class RealClock final : public Clock {
public:
    int64_t now_unix_ms() override;
    int32_t sleep_ms(const tp_call_ctx* call, int64_t ms) override;
};

// Time that moves only when told to, so plugin polling loops run in no real time under the
// simulator and in tests. A plugin's sleep_ms advances the shared clock by the time slept (up
// to the call's deadline), which suits one simulated caller at a time; concurrent sleepers
// each push time forward.
class VirtualClock final : public Clock {
public:
    explicit VirtualClock(int64_t start_unix_ms) : now_(start_unix_ms) {}
    int64_t now_unix_ms() override { return now_.load(); }
    int32_t sleep_ms(const tp_call_ctx* call, int64_t ms) override;
    void advance(int64_t ms) { now_ += ms; }

private:
    std::atomic<int64_t> now_;
};

std::shared_ptr<Clock> make_real_clock();

// TP_ERR_CANCELLED / TP_ERR_TIMEOUT when call has ended by now_ms, else TP_OK.
int32_t call_state(const tp_call_ctx* call, int64_t now_ms);

}  // namespace tidepool::plugins
