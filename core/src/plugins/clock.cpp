#include "plugins/clock.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include <tidepool/error.h>

namespace tidepool::plugins {

namespace {
// How often a sleeping plugin notices cancellation; small enough to feel immediate.
constexpr int64_t kPollSliceMs = 10;
}  // namespace

int32_t call_state(const tp_call_ctx* call, int64_t now_ms) {
    if (!call) return TP_OK;
    if (call->is_cancelled && call->is_cancelled(call)) return TP_ERR_CANCELLED;
    if (call->deadline_unix_ms > 0 && now_ms >= call->deadline_unix_ms) return TP_ERR_TIMEOUT;
    return TP_OK;
}

int64_t RealClock::now_unix_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

int32_t RealClock::sleep_ms(const tp_call_ctx* call, int64_t ms) {
    const int64_t until = now_unix_ms() + std::max<int64_t>(ms, 0);
    for (;;) {
        int64_t now = now_unix_ms();
        if (int32_t state = call_state(call, now); state != TP_OK) return state;
        if (now >= until) return TP_OK;
        std::this_thread::sleep_for(std::chrono::milliseconds(std::min(until - now, kPollSliceMs)));
    }
}

int32_t VirtualClock::sleep_ms(const tp_call_ctx* call, int64_t ms) {
    if (int32_t state = call_state(call, now_unix_ms()); state != TP_OK) return state;
    int64_t until = now_unix_ms() + std::max<int64_t>(ms, 0);
    if (call && call->deadline_unix_ms > 0 && call->deadline_unix_ms <= until) {
        now_.store(std::max(now_.load(), call->deadline_unix_ms));
        return TP_ERR_TIMEOUT;
    }
    now_.store(std::max(now_.load(), until));
    return TP_OK;
}

std::shared_ptr<Clock> make_real_clock() { return std::make_shared<RealClock>(); }

}  // namespace tidepool::plugins
