#include "plugins/call_context.h"

#include <atomic>
#include <chrono>

#include <fmt/format.h>

namespace tidepool::plugins {

namespace {

int32_t is_cancelled(const tp_call_ctx* ctx) {
    return static_cast<const CancelToken*>(ctx->host_data)->cancelled() ? 1 : 0;
}

// Unique within this process run: only correlates log lines when the caller gave no id.
std::string generated_request_id() {
    static std::atomic<uint64_t> counter{0};
    auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    return fmt::format("host-{:x}-{}", static_cast<uint64_t>(now), ++counter);
}

}  // namespace

CallContext::CallContext(const CallOptions& options)
    : request_id_(options.request_id.empty() ? generated_request_id() : options.request_id),
      cancel_(options.cancel) {
    ctx_.struct_size = sizeof(tp_call_ctx);
    ctx_.request_id = tp_str{request_id_.data(), request_id_.size()};
    ctx_.deadline_unix_ms = options.deadline_unix_ms;
    ctx_.is_cancelled = &is_cancelled;
    ctx_.host_data = &cancel_;
}

}  // namespace tidepool::plugins
