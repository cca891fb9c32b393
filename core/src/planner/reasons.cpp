#include "planner/reasons.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <array>
#include <cmath>
#include <string>
#include <vector>

namespace tidepool::planner {
namespace {

const char* machine_one(const Decision& d) {
    return d.kind == PoolKind::kServer ? "server" : "agent";
}
const char* machine_many(const Decision& d) {
    return d.kind == PoolKind::kServer ? "servers" : "agents";
}
std::string machines_text(const Decision& d, long long n, const char* adjective = "") {
    std::string prefix = *adjective ? fmt::format("{} ", adjective) : std::string();
    return fmt::format("{} {}{}", n, prefix, n == 1 ? machine_one(d) : machine_many(d));
}

// Draining machines taken back before ordering: "; taking back 2 draining servers first".
std::string undrain_text(const Decision& d) {
    if (d.undrain.empty()) return {};
    return fmt::format("; taking back {} first",
                       machines_text(d, static_cast<long long>(d.undrain.size()), "draining"));
}

// ---- Server pools ------------------------------------------------------------------------

std::string server_minimum(const ServerNumbers& n) {
    if (n.predicted == 0 || n.predicted != n.target) {
        return fmt::format("the minimum of {}", n.target);
    }
    return fmt::format("the minimum of {} (raised from {} by predictive standby)", n.target,
                       n.minimum);
}

std::string server_need(const ServerNumbers& n) {
    if (n.queued == 0) return server_minimum(n);
    return fmt::format("{} plus {}", count_of(n.queued, "queued request", "queued requests"),
                       server_minimum(n));
}

std::string server_short(const ServerNumbers& n) {
    if (n.queued == 0) return fmt::format("Headroom {} is below {}", n.headroom, server_need(n));
    if (n.headroom >= n.target + n.queued) {
        // Enough headroom in sum, but the queued requests could not use the running servers'.
        return fmt::format(
            "The {} could not use the running servers' headroom (a desktop user already on "
            "each, say); starting servers offer {}",
            count_of(n.queued, "queued request", "queued requests"), n.incoming);
    }
    return fmt::format("Headroom {} does not cover {}", n.headroom, server_need(n));
}

std::string server_scale_up(const Decision& d, const ServerNumbers& n) {
    std::string adds = fmt::format("a new server adds {}", n.new_server_headroom);
    if (n.uncovered_requests > 0) {
        adds = fmt::format("aggressive scaling: one for each of the {} uncovered queued {}; {}",
                           n.uncovered_requests, n.uncovered_requests == 1 ? "request" : "requests",
                           adds);
    }
    std::string s = server_short(n) + undrain_text(d);
    if (d.create > 0 || d.undrain.empty())
        s += fmt::format("; ordering {} ({})", machines_text(d, d.create), adds);
    if (n.remaining_shortfall > 0) {
        s += fmt::format(
            ", capped by the maximum of {} instances; a shortfall of {} passes to "
            "the next config",
            d.max_instances, n.remaining_shortfall);
    }
    return s + ".";
}

// ---- Agent pools -------------------------------------------------------------------------

using Triple = std::array<double, 3>;

std::string dim_text(int dim, double v) {
    if (dim == 0) return amount_text(v) + (v == 1 ? " core" : " cores");
    if (dim == 1) return amount_text(v) + (v == 1 ? " GPU" : " GPUs");
    return amount_text(v) + " GiB of memory";
}

std::string join(const std::vector<std::string>& parts, const char* last_sep) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) out += i + 1 == parts.size() ? last_sep : ", ";
        out += parts[i];
    }
    return out;
}

std::string all_dims(const Triple& v) {
    return join({dim_text(0, v[0]), dim_text(1, v[1]), dim_text(2, v[2])}, ", ");
}

// Only the non-zero dimensions, e.g. "8 cores and 16 GiB of memory".
std::string some_dims(const Triple& v) {
    std::vector<std::string> parts;
    for (int i = 0; i < 3; ++i) {
        if (v[i] > 0) parts.push_back(dim_text(i, v[i]));
    }
    return join(parts, " and ");
}

Triple pick(const AgentNumbers& n, double DimensionNumbers::*field) {
    return {n.dims[0].*field, n.dims[1].*field, n.dims[2].*field};
}

std::string unsatisfiable_dims(const AgentNumbers& n) {
    static const std::array<const char*, 3> kNames = {"cores", "GPUs", "memory"};
    std::vector<std::string> names;
    for (int i = 0; i < 3; ++i) {
        if (n.dims[i].unsatisfiable) names.push_back(kNames[i]);
    }
    return join(names, " or ");
}

std::string agent_short(const AgentNumbers& n) {
    return "Free capacity is short by " + some_dims(pick(n, &DimensionNumbers::shortfall));
}

std::string agent_scale_up(const Decision& d, const AgentNumbers& n) {
    std::string adds = "an agent adds " + all_dims(pick(n, &DimensionNumbers::per_agent));
    if (n.uncovered_requests > 0) {
        adds = fmt::format("aggressive scaling: one for each of the {} uncovered queued {}; {}",
                           n.uncovered_requests, n.uncovered_requests == 1 ? "request" : "requests",
                           adds);
    }
    std::string s = agent_short(n) + undrain_text(d);
    if (d.create > 0 || d.undrain.empty())
        s += fmt::format("; ordering {} ({})", machines_text(d, d.create), adds);
    std::string unsat = unsatisfiable_dims(n);
    if (!unsat.empty()) s += fmt::format("; its agents add no {}, so that need waits", unsat);
    Triple remaining = pick(n, &DimensionNumbers::remaining);
    if (remaining != Triple{} && unsat.empty()) {
        s += fmt::format(
            ", capped by the maximum of {} instances; a shortfall of {} passes to "
            "the next config",
            d.max_instances, some_dims(remaining));
    } else if (remaining != Triple{}) {
        s += fmt::format("; a shortfall of {} passes to the next config", some_dims(remaining));
    }
    return s + ".";
}

// ---- Shared shapes -----------------------------------------------------------------------

struct Phrases {
    std::string shortfall;  // "Headroom 3 is below the minimum of 5"
    std::string covers;     // "Headroom 7 covers the minimum of 5"
    std::string above;      // "Headroom 9 is above the minimum of 5"
    std::string remaining;  // what passes on
    std::string after;      // what is left after removals
};

Phrases server_phrases(const ServerNumbers& n) {
    return {server_short(n), fmt::format("Headroom {} covers {}", n.headroom, server_need(n)),
            fmt::format("Headroom {} is above {}", n.headroom, server_need(n)),
            fmt::format("{}", n.remaining_shortfall), fmt::format("{}", n.headroom_after)};
}

Phrases agent_phrases(const AgentNumbers& n) {
    std::string have = all_dims(pick(n, &DimensionNumbers::free));
    std::string need = all_dims(pick(n, &DimensionNumbers::need));
    return {agent_short(n), fmt::format("Free capacity ({}) covers the need ({})", have, need),
            fmt::format("Free capacity ({}) is above the need ({})", have, need),
            some_dims(pick(n, &DimensionNumbers::remaining)),
            all_dims(pick(n, &DimensionNumbers::free_after))};
}

// The end instant rather than a countdown, so the sentence stays the same from one evaluation to
// the next while nothing else changes (callers dedupe decision history on it).
std::string backoff_end(const Decision& d) {
    return d.backoff_until ? utc_text(*d.backoff_until) : std::string("now");
}

std::string inactive_reason(const Decision& d) {
    std::string s = d.kind == PoolKind::kServer
                        ? "The config is inactive, so it orders nothing"
                        : "The config is inactive, so it orders nothing and its agents take no "
                          "new sessions";
    if (d.staged_dropped > 0) {
        s += "; dropping " + count_of(d.staged_dropped, "staged session", "staged sessions");
    }
    if (d.code == ReasonCode::kInactiveBackoff) {
        s += fmt::format("; the downscale backoff keeps its {} until {}",
                         machines_text(d, d.idle, "idle"), backoff_end(d));
    } else if (!d.remove.empty()) {
        s += "; removing " + machines_text(d, static_cast<long long>(d.remove.size()), "idle");
    }
    if (d.busy > 0) {
        s += fmt::format("; {} {} until {} sessions end", machines_text(d, d.busy, "busy"),
                         d.busy == 1 ? "stays" : "stay", d.busy == 1 ? "its" : "their");
    }
    return s + ".";
}

std::string shaped_reason(const Decision& d, const Phrases& p) {
    switch (d.code) {
        case ReasonCode::kAtMaxInstances:
            return fmt::format(
                "{}, but the config already has {} of its maximum of {} "
                "instances; a shortfall of {} passes to the next config.",
                p.shortfall, d.machines, d.max_instances, p.remaining);
        case ReasonCode::kCapacityBlocked:
            return fmt::format(
                "{}, but the provider recently reported no capacity or quota; "
                "a shortfall of {} passes to the next config.",
                p.shortfall, p.remaining);
        case ReasonCode::kScaleDown:
            return fmt::format("{}; removing {} leaves {}.", p.above,
                               machines_text(d, static_cast<long long>(d.remove.size()), "idle"),
                               p.after);
        case ReasonCode::kBackoffHold:
            return fmt::format("{}, but the downscale backoff holds scale-down until {}.", p.above,
                               backoff_end(d));
        case ReasonCode::kPoolShort:
            return p.covers + ", but the pool as a whole is short, so nothing is removed.";
        default:
            break;
    }
    if (d.idle > 0) {
        return fmt::format("{}; removing an idle {} would drop below it.", p.covers,
                           machine_one(d));
    }
    return p.covers + "; nothing to do.";
}

std::string unsatisfiable_reason(const Decision& d) {
    if (d.server) {
        return fmt::format(
            "{}, but a new server of this config adds no sessions, so a "
            "shortfall of {} cannot be met by it.",
            server_short(*d.server), d.server->remaining_shortfall);
    }
    return fmt::format(
        "{}, but a new agent of this config adds no {}, so that need cannot be "
        "met by it.",
        agent_short(*d.agent), unsatisfiable_dims(*d.agent));
}

}  // namespace

std::string utc_text(Instant t) { return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", t); }

std::string count_of(long long n, const char* one, const char* many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string amount_text(double v) {
    if (std::floor(v) == v && std::fabs(v) < 1e15) {
        return fmt::format("{}", static_cast<long long>(v));
    }
    std::string s = fmt::format("{:.3f}", v);
    while (s.back() == '0') s.pop_back();
    return s;
}

std::string reason_for(const Decision& d) {
    switch (d.code) {
        case ReasonCode::kInactive:
        case ReasonCode::kInactiveBackoff:
            return inactive_reason(d);
        case ReasonCode::kUnsatisfiable:
            return unsatisfiable_reason(d);
        case ReasonCode::kScaleUp:
            return d.server ? server_scale_up(d, *d.server) : agent_scale_up(d, *d.agent);
        default:
            return shaped_reason(d, d.server ? server_phrases(*d.server) : agent_phrases(*d.agent));
    }
}

std::string summary_reason(const Plan& plan) {
    const PoolSummary& s = plan.summary;
    std::string queued = count_of(s.queued, "queued request", "queued requests");
    if (plan.kind == PoolKind::kServer) {
        std::string base = fmt::format("Pool headroom {} against the minimum of {} and {}",
                                       s.headroom, s.target, queued);
        if (s.short_after) {
            return fmt::format("{}; a shortfall of {} remains after every config had its turn.",
                               base, count_of(s.remaining_shortfall, "session", "sessions"));
        }
        return base + (s.short_before ? "; this plan's orders cover it." : "; nothing is short.");
    }
    std::string base =
        fmt::format("Free capacity ({}) against the need ({}, with {})",
                    all_dims({s.free.cores, s.free.gpus, s.free.memory_gib}),
                    all_dims({s.need.cores, s.need.gpus, s.need.memory_gib}), queued);
    if (s.short_after) {
        Triple r = {s.remaining.cores, s.remaining.gpus, s.remaining.memory_gib};
        return fmt::format("{}; a shortfall of {} remains after every config had its turn.", base,
                           some_dims(r));
    }
    return base + (s.short_before ? "; this plan's orders cover it." : "; nothing is short.");
}

}  // namespace tidepool::planner
