// Readiness (/readyz): tidepoold should get traffic only once it can act on it — the store is
// open and migrated, the plugins are loaded, and the first reconciliation pass has heard back
// from every VM provider (before that the store may still show intents a provider already
// settled, and a session placed then could land on a machine that is gone). Until then the
// probe answers 503 with a JSON body naming what it waits for. /healthz stays a liveness probe.
//
// Thread-safe: conditions are marked from the startup thread and read from server threads.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "http/response.h"

namespace tidepool::daemon {

class Readiness {
public:
    void mark_store_ready() { store_ = true; }
    void mark_plugins_loaded() { plugins_ = true; }
    // How to ask whether the first reconciliation pass has finished (Runtime::reconciled_once).
    void watch_reconcile(std::function<bool()> reconciled) { reconciled_ = std::move(reconciled); }

    // The conditions still unmet, in startup order: "store", "plugins", "first_reconcile".
    std::vector<std::string> waiting_for() const;
    // 200 {"ready":true,"waiting_for":[]} or 503 {"ready":false,"waiting_for":[…],"message":…}.
    http::Response probe() const;

private:
    std::atomic<bool> store_{false};
    std::atomic<bool> plugins_{false};
    std::function<bool()> reconciled_;  // set once, before the server starts
};

}  // namespace tidepool::daemon
