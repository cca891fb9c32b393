// Cancellation: a flag shared between whoever may give up on some work (the runtime stopping,
// a caller abandoning a request) and the work itself, which checks it between steps and can
// sleep on it so a cancel wakes it at once instead of at the end of its backoff.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace tidepool {

// Cheap to copy: copies share one flag. A default-constructed one is never cancelled unless
// someone holding a copy cancels it.
class Cancellation {
public:
    Cancellation() : state_(std::make_shared<State>()) {}

    void cancel() const {
        {
            std::lock_guard lock(state_->mu);
            state_->flag.store(true);
        }
        state_->wake.notify_all();
    }
    bool cancelled() const { return state_->flag.load(); }

    // Sleeps until `when` (system clock) or until cancelled, whichever comes first. Returns
    // true when cancelled.
    bool sleep_until(std::chrono::system_clock::time_point when) const {
        std::unique_lock lock(state_->mu);
        // wait_until on a system_clock time point re-checks the predicate on every wakeup, so
        // a cancel between the check and the wait is not missed (cancel takes the mutex).
        return state_->wake.wait_until(lock, when, [&] { return state_->flag.load(); });
    }

private:
    struct State {
        std::atomic<bool> flag{false};
        std::mutex mu;
        std::condition_variable wake;
    };
    std::shared_ptr<State> state_;
};

}  // namespace tidepool
