// The planner's turn in a simulated run: the same snapshot the daemon builds from its store
// (runtime/snapshot_builder.cpp), built from the simulated world, then the plan applied.
#include <charconv>

#include <cmath>

#include "planner/forecast.h"
#include "planner/planner.h"
#include "schedule/evaluate.h"
#include "simulate/world.h"

namespace tidepool::simulate {

planner::Config World::config_for(std::size_t i) const {
    const SimulatedConfig& sc = scenario_.configs[i];
    const model::AutoScaleConfig& c = sc.config;
    planner::Config out;
    out.id = c.id;
    out.priority = c.priority;
    out.max_instances = sc.max_instances;
    out.downscale_backoff_s = c.downscale_backoff_s;
    if (last_scale_up_[i]) out.last_scale_up_at = model::from_unix(*last_scale_up_[i]);
    out.aggressive = c.aggressive;
    out.new_server_max_sessions = c.max_sessions_per_server;
    out.new_server_max_users = c.max_users_per_server;
    if (options_.policy == Policy::kConfigured) {
        out.active = c.enabled && schedule::is_active(sc.activity, model::from_unix(now_));
        out.min_available_sessions = c.min_available_sessions;
        if (c.predictive_standby) out.prediction = prediction_for(i);
    } else {
        // Baselines replace when and how much, and keep the rest of the config (caps, boot
        // model, backoff). Queued requests are provisioned for at once, as any baseline would.
        out.active = true;
        out.aggressive = true;
        out.min_available_sessions = static_cast<int>(baseline_minimum(
            options_.policy, options_.baseline, now_, in_use_, new_server_headroom(c)));
    }
    return out;
}

// The daemon's rule (runtime/snapshot_builder.cpp) on the trace seen so far: one mean boot of
// the config's boot model plus a planning interval ahead.
planner::Prediction World::prediction_for(std::size_t i) const {
    const SimulatedConfig& sc = scenario_.configs[i];
    const sim::Duration& boot = sc.boot;
    double mean_boot = boot.kind == sim::DistributionKind::uniform
                           ? (boot.min_s.value_or(0) + boot.max_s.value_or(0)) / 2
                           : boot.mean_s;
    auto lead_s = static_cast<std::int64_t>(std::ceil(mean_boot)) + scenario_.tick_s;
    auto cap = static_cast<std::int64_t>(sc.max_instances) *
               std::min(sc.config.max_sessions_per_server, sc.config.max_users_per_server);
    return planner::predict_standby(history_, now_, lead_s, sc.config.predictive_lookback_days,
                                    cap);
}

void World::fill_snapshot() {
    snapshot_.machines.resize(alive_.size());
    for (std::size_t i = 0; i < alive_.size(); ++i) {
        std::uint32_t slot = alive_[i];
        const Server& s = servers_[slot];
        planner::Machine& m = snapshot_.machines[i];
        m.id = index_.id_of(slot);
        m.config_id = scenario_.configs[s.config].config.id;
        m.state = s.running ? planner::MachineState::kRunning : planner::MachineState::kStarting;
        m.max_sessions = scenario_.configs[s.config].config.max_sessions_per_server;
        m.max_users = scenario_.configs[s.config].config.max_users_per_server;
        m.active_sessions = index_.sessions_on(slot);
        m.active_users = index_.users_on(slot);
        m.created_at = model::from_unix(s.created_s);
        m.last_session_end_at.reset();
        if (s.last_end_s) m.last_session_end_at = model::from_unix(*s.last_end_s);
    }
    snapshot_.configs.clear();
    for (std::size_t i = 0; i < scenario_.configs.size(); ++i) {
        snapshot_.configs.push_back(config_for(i));
    }
    snapshot_.queue.resize(queue_.size());
    for (std::size_t i = 0; i < queue_.size(); ++i) {
        planner::QueuedRequest& q = snapshot_.queue[i];
        q.id = std::to_string(queue_[i].request);
        q.user = std::to_string(queue_[i].user);
        q.enqueued_at = model::from_unix(queue_[i].at_s);
    }
}

void World::tick() {
    fill_snapshot();
    planner::Plan plan = planner::plan(snapshot_, model::from_unix(now_));
    for (const auto& config_plan : plan.configs) {
        for (std::size_t i = 0; i < scenario_.configs.size(); ++i) {
            if (scenario_.configs[i].config.id == config_plan.config_id) apply(config_plan, i);
        }
    }
}

void World::apply(const planner::ConfigPlan& plan, std::size_t config) {
    if (plan.create > 0 || !plan.remove.empty()) ++m_.scale_actions;
    if (plan.create > 0) last_scale_up_[config] = now_;
    for (int i = 0; i < plan.create; ++i) {
        create_server(config, boot_rng_[config].sample_ms(scenario_.configs[config].boot));
    }
    for (const auto& id : plan.remove) {
        std::uint32_t slot = 0;
        std::from_chars(id.data() + 1, id.data() + id.size(), slot);  // "s%09u"
        remove_server(slot);
    }
}

}  // namespace tidepool::simulate
