// Host side of one provider call: the request id, deadline and cancellation a plugin sees in
// its tp_call_ctx, plus what the plugin reported beyond the status (provider code, retry hint).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include <tidepool/types.h>

namespace tidepool::plugins {

// Shared between whoever may cancel a call and the call itself; cheap to copy.
class CancelToken {
public:
    CancelToken() : flag_(std::make_shared<std::atomic<bool>>(false)) {}
    void cancel() const { flag_->store(true); }
    bool cancelled() const { return flag_->load(); }

private:
    std::shared_ptr<std::atomic<bool>> flag_;
};

// Filled after a failed call with what the plugin put into tp_error besides the message.
struct CallReport {
    std::string provider_code;
    int64_t retry_after_ms = 0;
};

struct CallOptions {
    std::string request_id;        // also the idempotency key; generated when empty
    int64_t deadline_unix_ms = 0;  // 0: no deadline
    CancelToken cancel;
    CallReport* report = nullptr;  // optional out-parameter
};

// Owns the tp_call_ctx lent to the plugin for one call.
class CallContext {
public:
    explicit CallContext(const CallOptions& options);
    CallContext(const CallContext&) = delete;
    CallContext& operator=(const CallContext&) = delete;

    const tp_call_ctx* get() const { return &ctx_; }

private:
    std::string request_id_;
    CancelToken cancel_;
    tp_call_ctx ctx_{};
};

}  // namespace tidepool::plugins
