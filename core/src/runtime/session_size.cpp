#include "runtime/session_size.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "placement/agent_choice.h"

namespace tidepool::runtime {
namespace {

using placement::Amounts;

struct Dimension {
    const char* name;  // the request member
    const char* unit;  // for messages
    double Amounts::*amount;
};
constexpr std::array<Dimension, 3> kDimensions{{{"cores", "cores", &Amounts::cores},
                                                {"gpus", "GPUs", &Amounts::gpus},
                                                {"memory_gib", "GiB of memory",
                                                 &Amounts::memory_gib}}};

std::string number_text(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", v);
    return text;
}

Error refuse(ErrorCode code, const Dimension& d, std::string message) {
    return make_error(code, std::move(message), std::string("/") + d.name);
}

Result<void> check_values(const SizingInputs& in) {
    for (const auto& d : kDimensions) {
        const double v = in.asked.*d.amount;
        if (!std::isfinite(v) || v < 0)
            return refuse(ErrorCode::invalid, d, std::string("\"") + d.name + "\": " +
                                                     number_text(v) +
                                                     " is not allowed; use a number >= 0");
        if (v > 0 && in.pool_kind == model::PoolKind::server)
            return refuse(ErrorCode::invalid, d,
                          std::string("\"") + d.name + "\": pool \"" + in.pool_id +
                              "\" is a server pool, which counts sessions rather than sizing "
                              "them; omit cores, gpus and memory_gib");
    }
    return {};
}

bool any_positive(const Amounts& a) { return a.cores > 0 || a.gpus > 0 || a.memory_gib > 0; }

// The workspace's staging config: an enabled one first, then the lowest id.
const model::StagingConfig* workspace_config(const SizingInputs& in) {
    const model::StagingConfig* best = nullptr;
    for (const auto& c : in.staging) {
        if (c.workspace != in.workspace) continue;
        if (!best || (c.enabled && !best->enabled) ||
            (c.enabled == best->enabled && c.id < best->id))
            best = &c;
    }
    return best;
}

// Every agent shape the pool could order, and only when none of those holds `need`, the ones it
// has: the usual request then reads no agent list. A config that is inactive now still counts:
// it may be active by the time the request is served.
Result<void> check_fits(const SizingInputs& in, const Amounts& need) {
    std::vector<Amounts> shapes;
    for (const auto& c : in.configs) shapes.push_back(placement::new_agent_capacity(c));
    auto held = [&] {
        return std::any_of(shapes.begin(), shapes.end(),
                           [&](const auto& s) { return placement::covers(s, need); });
    };
    if (held()) return {};
    if (in.agent_shapes)
        for (const auto& shape : in.agent_shapes()) shapes.push_back(shape);
    if (held()) return {};
    for (const auto& d : kDimensions) {
        double largest = 0;
        for (const auto& s : shapes) largest = std::max(largest, s.*d.amount);
        if (need.*d.amount <= largest) continue;
        return refuse(ErrorCode::invalid, d,
                      std::string("no agent of pool \"") + in.pool_id + "\" can hold " +
                          number_text(need.*d.amount) + " " + d.unit + " (the largest offers " +
                          number_text(largest) + "); ask for less, or raise the autoscale " +
                          "config's agent_" + d.name + " or its override");
    }
    return make_error(ErrorCode::invalid,
                      "no single agent of pool \"" + in.pool_id + "\" offers all of " +
                          number_text(need.cores) + " cores, " + number_text(need.gpus) +
                          " GPUs and " + number_text(need.memory_gib) +
                          " GiB at once; ask for less or add a config whose agents do",
                      "/cores");
}

}  // namespace

Result<Amounts> session_size(const SizingInputs& in) {
    if (auto r = check_values(in); !r.ok()) return r.error();
    if (in.pool_kind == model::PoolKind::server) return Amounts{};
    Amounts need = in.asked;
    if (!any_positive(need) && !in.workspace.empty())
        if (const auto* c = workspace_config(in)) need = {c->cores, c->gpus, c->memory_gib};
    if (!any_positive(need))
        return make_error(ErrorCode::invalid,
                          "pool \"" + in.pool_id + "\" is an agent pool: a session there " +
                              "needs a size; give cores, gpus or memory_gib (above 0), or a " +
                              "workspace that one of the pool's staging configs names",
                          "/cores");
    if (auto r = check_fits(in, need); !r.ok()) return r.error();
    return need;
}

}  // namespace tidepool::runtime
