// Host side of one provider call: the request id, deadline and cancellation a plugin sees in
// its tp_call_ctx, plus what the plugin reported beyond the status (provider code, retry hint).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <tidepool/cancel.h>
#include <tidepool/types.h>

namespace tidepool::plugins {

// Shared between whoever may cancel a call and the call itself; cheap to copy. The same type
// the runtime and the resilience layer use, so one cancel reaches a sleeping retry and the
// plugin's is_cancelled() alike.
using CancelToken = Cancellation;

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
