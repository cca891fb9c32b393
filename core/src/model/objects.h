// The objects an operator configures: zones, pools, provider configs and autoscale configs.
// Plain values: validation lives in model/json_codec, persistence in store/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/connection.h"
#include "model/ids.h"

namespace tidepool::model {

// A deployment zone: where sessions are brokered from; feeds {upstream_auth_address}.
struct Zone {
    Id id;
    std::string name;
    std::string upstream_auth_address;
};

enum class PoolKind { server, agent };
// breadth_first: most headroom first (even distribution); depth_first: fill one, then the next.
enum class PlacementStrategy { breadth_first, depth_first };

struct Pool {
    Id id;
    std::string name;
    PoolKind kind = PoolKind::server;
    PlacementStrategy placement = PlacementStrategy::breadth_first;
    int max_queue_wait_s = 900;  // a queued request fails after this long
};

enum class ProviderKind { vm, dns };

// One configured provider: which plugin, and the plugin-specific JSON it validates.
struct ProviderConfig {
    Id id;
    std::string name;
    ProviderKind kind = ProviderKind::vm;
    std::string plugin_id;    // reverse-DNS id of the plugin, e.g. "org.tidepool.local"
    std::string config_json;  // validated against the plugin's schema before storing
    int max_instances = 0;    // read from config_json's "max_instances" (0 = no VMs)
};

enum class ConnectionType { kasmvnc, rdp, vnc, ssh };

struct AutoScaleConfig {
    Id id;
    std::string name;
    Id pool_id;
    Id zone_id;              // optional
    Id vm_provider_id;       // ProviderConfig of kind vm
    Id dns_provider_id;      // optional ProviderConfig of kind dns
    int priority = 100;      // lower is evaluated first (cost-ordered spill-over)
    bool enabled = true;
    std::string schedule_json;  // {"schedules":[…],"exceptions":[…],"extra_windows":[…]} or ""
    bool aggressive = false;
    int downscale_backoff_s = 900;
    bool require_checkin = false;
    int checkin_timeout_s = 600;
    std::string os_family = "linux";  // linux | windows: picks bash or PowerShell
    std::string startup_script;       // template; see startup-script variables
    // Server pools.
    int min_available_sessions = 0;
    int max_sessions_per_server = 1;
    int max_users_per_server = 1;
    ConnectionType connection_type = ConnectionType::rdp;
    int connection_port = 0;          // 0 = the connection type's default
    bool reusable = true;             // false: one session, then the machine is replaced
    // Predictive standby: raise the minimum ahead of demand by what the pool's own history
    // says arrives within one boot time (same kind of day, same time of day).
    bool predictive_standby = false;
    int predictive_lookback_days = 14;
    ConnectionSettings connection;    // how users connect and with which credentials
    // Agent pools.
    double standby_cores = 0, standby_gpus = 0, standby_memory_gib = 0;
    std::optional<double> agent_cores_override, agent_gpus_override, agent_memory_gib_override;
    double agent_cores = 0, agent_gpus = 0, agent_memory_gib = 0;  // as the instance type reports
    bool register_dns = false;
    std::string base_domain;
};

}  // namespace tidepool::model
