// Builders for staging-rule tests: a small agent pool with named agents and sessions.
#pragma once

#include "staging/staging_plan.h"

namespace tidepool::staging::test {

inline model::Instant at(int hours) { return model::from_unix(static_cast<std::int64_t>(hours) * 3600); }

inline model::StagingConfig config(const char* id, const char* workspace, int desired,
                                   double cores = 2, bool enabled = true) {
    model::StagingConfig c;
    c.id = id;
    c.pool_id = "gpu";
    c.workspace = workspace;
    c.desired_count = desired;
    c.cores = cores;
    c.memory_gib = 1;
    c.enabled = enabled;
    return c;
}

inline model::Server agent(const char* id, double cores, const char* config_id = "cheap",
                           model::MachineState state = model::MachineState::running) {
    model::Server a;
    a.id = id;
    a.pool_id = "gpu";
    a.config_id = config_id;
    a.state = state;
    a.cores = cores;
    a.memory_gib = 64;
    return a;
}

inline model::Session staged(const char* id, const char* agent_id, const char* config_id,
                             const char* workspace, int expires_hour, double cores = 2) {
    model::Session s;
    s.id = id;
    s.pool_id = "gpu";
    s.server_id = agent_id;
    s.state = model::SessionState::staged;
    s.staging_config_id = config_id;
    s.workspace = workspace;
    s.expires_at = at(expires_hour);
    s.cores = cores;
    s.memory_gib = 1;
    return s;
}

inline model::Session placed(const char* id, const char* agent_id, double cores) {
    model::Session s;
    s.id = id;
    s.pool_id = "gpu";
    s.server_id = agent_id;
    s.user = "ada";
    s.state = model::SessionState::placed;
    s.cores = cores;
    return s;
}

}  // namespace tidepool::staging::test
