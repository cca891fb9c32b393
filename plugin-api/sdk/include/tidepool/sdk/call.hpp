// A read-only view of the per-call context (request id, deadline, cancellation).
#pragma once

#include <tidepool/types.h>
#include <tidepool/sdk/error.hpp>
#include <tidepool/sdk/strings.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tidepool::sdk {

class Call {
public:
    explicit Call(const tp_call_ctx* ctx = nullptr) : ctx_(ctx) {}

    const tp_call_ctx* get() const { return ctx_; }
    // Unique per logical request; also the idempotency key.
    std::string_view request_id() const { return ctx_ ? view(ctx_->request_id) : ""; }
    // 0 when the call has no deadline.
    int64_t deadline_unix_ms() const { return ctx_ ? ctx_->deadline_unix_ms : 0; }
    bool cancelled() const { return ctx_ && ctx_->is_cancelled && ctx_->is_cancelled(ctx_); }

    // Throws TP_ERR_CANCELLED / TP_ERR_TIMEOUT; call between round trips of long operations.
    void check(int64_t now_unix_ms) const {
        if (cancelled()) throw ProviderError(TP_ERR_CANCELLED, "cancelled by the host");
        if (deadline_unix_ms() > 0 && now_unix_ms >= deadline_unix_ms()) {
            throw ProviderError(TP_ERR_TIMEOUT, "the call's deadline passed");
        }
    }

private:
    const tp_call_ctx* ctx_;
};

}  // namespace tidepool::sdk
