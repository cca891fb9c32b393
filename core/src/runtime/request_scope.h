// Which API request a piece of runtime work is done for, so every log line it causes (a
// provider error while placing a session, say) carries that request's id. The id follows the
// work across threads: Runtime::post and Runtime::offload capture it where work is queued and
// reinstate it where the work runs, so a handler on the control strand, the provider call it
// offloads and the continuation back on the strand all log under the same id. Work that no
// request caused (ticks, periodic reconciliation) has none.
#pragma once

#include <string>

namespace tidepool::runtime {

// The current thread's request id; "" when the work was not caused by a request.
const std::string& current_request_id();

// Sets the current thread's request id for its lifetime, restoring the previous one after.
class RequestScope {
public:
    explicit RequestScope(std::string request_id);
    ~RequestScope();
    RequestScope(const RequestScope&) = delete;
    RequestScope& operator=(const RequestScope&) = delete;

private:
    std::string previous_;
};

}  // namespace tidepool::runtime
