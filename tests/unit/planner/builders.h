// Small builders for planner test inputs; every field not named keeps its default.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "planner/snapshot.h"

namespace tidepool::planner::test {

inline Instant at(std::int64_t unix_s) { return Instant{std::chrono::seconds{unix_s}}; }

// A server of `config` ("" = assigned by hand) with `sessions` sessions from `users` users.
inline Machine server(std::string id, std::string config, int max_sessions,
                      std::optional<int> max_users, int sessions = 0, int users = 0,
                      MachineState state = MachineState::kRunning, std::int64_t created = 0) {
    Machine m;
    m.id = std::move(id);
    m.config_id = std::move(config);
    m.state = state;
    m.max_sessions = max_sessions;
    m.max_users = max_users;
    m.active_sessions = sessions;
    m.active_users = users;
    m.created_at = at(created);
    return m;
}

inline Machine agent(std::string id, std::string config, Resources reported, Resources used = {},
                     int sessions = 0, MachineState state = MachineState::kRunning,
                     std::int64_t created = 0) {
    Machine m;
    m.id = std::move(id);
    m.config_id = std::move(config);
    m.state = state;
    m.reported = reported;
    m.used = used;
    m.active_sessions = sessions;
    m.created_at = at(created);
    return m;
}

inline Config server_config(std::string id, int min_available, int new_max_sessions,
                            std::optional<int> new_max_users, int max_instances, int priority = 0) {
    Config c;
    c.id = std::move(id);
    c.priority = priority;
    c.min_available_sessions = min_available;
    c.new_server_max_sessions = new_max_sessions;
    c.new_server_max_users = new_max_users;
    c.max_instances = max_instances;
    return c;
}

inline Config agent_config(std::string id, Resources standby, Resources instance, int max_instances,
                           int priority = 0) {
    Config c;
    c.id = std::move(id);
    c.priority = priority;
    c.standby = standby;
    c.agent_instance = instance;
    c.max_instances = max_instances;
    return c;
}

inline PoolSnapshot server_pool(std::vector<Config> configs, std::vector<Machine> machines,
                                std::vector<QueuedRequest> queue = {}) {
    return {"pool-s", PoolKind::kServer, std::move(machines), std::move(configs), std::move(queue)};
}

inline PoolSnapshot agent_pool(std::vector<Config> configs, std::vector<Machine> machines,
                               std::vector<QueuedRequest> queue = {}) {
    return {"pool-a", PoolKind::kAgent, std::move(machines), std::move(configs), std::move(queue)};
}

inline QueuedRequest request(std::string id, Resources resources = {}, std::int64_t at_s = 0,
                             RequestKind kind = RequestKind::kDesktop) {
    QueuedRequest r;
    r.id = std::move(id);
    r.user = "user-" + r.id;
    r.kind = kind;
    r.resources = resources;
    r.enqueued_at = at(at_s);
    return r;
}

}  // namespace tidepool::planner::test
