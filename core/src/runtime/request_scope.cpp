#include "runtime/request_scope.h"

#include <utility>

namespace tidepool::runtime {
namespace {

// Strand handlers and pool workers run one piece of work at a time per thread, so one slot per
// thread is exactly "the work running here now".
thread_local std::string current;

}  // namespace

const std::string& current_request_id() { return current; }

RequestScope::RequestScope(std::string request_id)
    : previous_(std::exchange(current, std::move(request_id))) {}

RequestScope::~RequestScope() { current = std::move(previous_); }

}  // namespace tidepool::runtime
