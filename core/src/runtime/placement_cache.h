// The runtime's in-memory view of where sessions sit in its pools: one
// placement::SessionRegistry per server pool and one placement::AgentRegistry per agent pool,
// so placing a session touches no table (DESIGN §2: indexed structures, not scans): O(1) per
// decision for a server pool's bucket queue, O(log agents) for an agent pool. The store stays
// the durable record.
//
// Agent placement also depends on the pool's autoscale configs: an agent counts at its
// config's override where one is set, and an inactive config's agents take no new sessions.
// The caller passes those terms (AgentTerms) with each use; when they differ from the ones the
// registry was built with (an operator's edit, a schedule window opening or closing), the
// pool's registry is rebuilt.
//
// A pool's registry is built from the store on first use. After that the runtime reports each
// server and session it writes (saved()), and the registry follows incrementally. The cache
// never has to trust that every writer reports: the store's machine_generation() moves on
// every server or session write and on a rollback of one, and a report is applied only when it
// accounts for exactly one step. Any other movement (a write this runtime did not report, a
// rolled-back batch, a test writing behind the runtime's back) drops every registry, and the
// next use rebuilds from the store. Being wrong costs a rebuild, never a wrong placement.
//
// [strand] Not thread-safe: the runtime's control strand owns it.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <vector>

#include "model/machines.h"
#include "model/objects.h"
#include "placement/agent_choice.h"
#include "placement/agent_registry.h"
#include "placement/session_registry.h"
#include "store/store.h"

namespace tidepool::runtime {

// What agent placement needs from the pool's autoscale configs.
struct AgentTerms {
    std::vector<model::AutoScaleConfig> configs;  // the pool's, in id order
    std::set<model::Id> inactive;                 // configs whose agents take no new sessions

    // The same configs with the same overrides, and the same inactive set: a registry built
    // under one serves the other.
    bool same_as(const AgentTerms& other) const;
};

class PlacementCache {
public:
    explicit PlacementCache(store::Store& store) : store_(store) {}

    // The pool's registry, true to the store, or nullptr when the store cannot be read. Its
    // place() chooses and records a session; the caller then writes the session and reports
    // it with saved(), or calls forget_all() if the write failed.
    placement::SessionRegistry* registry(const model::Pool& pool);
    // The same for an agent pool, true to the store and to `terms`.
    placement::AgentRegistry* agent_registry(const model::Pool& pool, const AgentTerms& terms);

    // Reports a row this runtime has just written successfully.
    void saved(const model::Server& server);
    void saved(const model::Session& session);
    // Drops every registry (a write failed, or the caller cannot tell what the store holds).
    void forget_all();

    // How many registries were built from the store so far (tests, metrics).
    std::uint64_t rebuilds() const { return rebuilds_; }

private:
    struct PoolView {
        std::unique_ptr<placement::SessionRegistry> registry;  // server pools
        std::unique_ptr<placement::AgentRegistry> agents;      // agent pools
        AgentTerms terms;                                      // what `agents` was built with
        // Gone servers keep their slot in the index until the next rebuild; counted so the
        // index is rebuilt once they outnumber the live ones.
        std::set<model::Id> retired;
    };
    // Whether the one write just reported is the only change since the cache was last true.
    bool in_step();
    Result<std::unique_ptr<placement::SessionRegistry>> build(const model::Pool& pool);
    Result<std::unique_ptr<placement::AgentRegistry>> build_agents(const model::Pool& pool,
                                                                   const AgentTerms& terms);
    PoolView* view_of(const model::Id& pool_id);
    void saved_agent(PoolView& view, const model::Server& server);
    void saved_agent(PoolView& view, const model::Session& session);

    store::Store& store_;
    std::uint64_t generation_ = 0;  // the store's machine_generation() the registries match
    std::map<model::Id, PoolView> pools_;
    std::uint64_t rebuilds_ = 0;
};

}  // namespace tidepool::runtime
