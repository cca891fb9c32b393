#include "daemon/readiness.h"

namespace tidepool::daemon {

std::vector<std::string> Readiness::waiting_for() const {
    std::vector<std::string> out;
    if (!store_) out.push_back("store");
    if (!plugins_) out.push_back("plugins");
    if (!reconciled_ || !reconciled_()) out.push_back("first_reconcile");
    return out;
}

http::Response Readiness::probe() const {
    auto waiting = waiting_for();
    std::string list;
    for (const auto& w : waiting) list += (list.empty() ? "\"" : ",\"") + w + "\"";
    if (waiting.empty())
        return http::json_response(200, "{\"ready\":true,\"waiting_for\":[]}");
    // The names are fixed words, so the body needs no JSON escaping.
    auto response = http::json_response(
        503, "{\"ready\":false,\"waiting_for\":[" + list + "],\"message\":\"starting: waiting " +
                 "for the store to be open and migrated, the plugins to be loaded and the " +
                 "first reconciliation pass with every VM provider to finish\"}");
    response.headers.set("Retry-After", "1");
    return response;
}

}  // namespace tidepool::daemon
