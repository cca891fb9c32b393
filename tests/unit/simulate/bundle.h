// A one-pool, one-config bundle for the simulator tests, with the knobs the tests turn.
#pragma once

#include <fmt/format.h>

#include <string>

namespace tidepool::simulate::test {

struct BundleKnobs {
    int min_available = 0;
    int sessions_per_server = 1;
    int backoff_s = 0;
    bool aggressive = false;
    std::string boot = R"({"distribution":"fixed","mean":60})";
    std::string schedule_member;  // e.g. ,"schedules":[...]
};

inline BundleKnobs knobs(int min_available, int sessions_per_server = 1, int backoff_s = 0) {
    BundleKnobs k;
    k.min_available = min_available;
    k.sessions_per_server = sessions_per_server;
    k.backoff_s = backoff_s;
    return k;
}

inline std::string bundle(const BundleKnobs& k) {
    return fmt::format(
        R"({{"pools":[{{"id":"p","kind":"server"}}],
  "provider_configs":[{{"id":"sim","kind":"vm","plugin_id":"org.tidepool.sim",
    "config":{{"max_instances":50,"seed":7,"boot_seconds":{}}}}}],
  "autoscale_configs":[{{"id":"c","pool_id":"p","vm_provider_id":"sim",
    "min_available_sessions":{},"max_sessions_per_server":{},"max_users_per_server":{},
    "downscale_backoff_s":{},"aggressive":{}{}}}]}})",
        k.boot, k.min_available, k.sessions_per_server, k.sessions_per_server, k.backoff_s,
        k.aggressive ? "true" : "false", k.schedule_member);
}

}  // namespace tidepool::simulate::test
