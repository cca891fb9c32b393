#include "providers/circuit_breaker.h"

namespace tidepool::providers {

CircuitBreaker::Admit CircuitBreaker::admit(TimePoint now) {
    switch (state_) {
        case State::closed: return Admit::allowed;
        case State::half_open: return Admit::rejected;  // a trial is already in flight
        case State::open:
            if (now < open_until_) return Admit::rejected;
            state_ = State::half_open;
            return Admit::trial;
    }
    return Admit::rejected;
}

void CircuitBreaker::record_success() {
    state_ = State::closed;
    failures_ = 0;
}

bool CircuitBreaker::record_failure(TimePoint now) {
    ++failures_;
    // A failed trial reopens at once; otherwise open only on reaching the threshold (and only
    // once, so a burst of in-flight failures does not keep pushing the reopening back).
    bool open = state_ == State::half_open ||
                (state_ == State::closed && failures_ >= options_.failure_threshold);
    if (!open) return false;
    state_ = State::open;
    open_until_ = now + options_.open_for;
    return true;
}

void CircuitBreaker::abandon_trial(TimePoint now) {
    if (state_ != State::half_open) return;
    state_ = State::open;
    open_until_ = now;
}

}  // namespace tidepool::providers
