// The runtime's in-memory view of where sessions sit in its server pools: one
// placement::SessionRegistry per pool, so placing a session is O(log servers) and touches no
// table (DESIGN §2: indexed structures, not scans). The store stays the durable record.
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

#include "model/machines.h"
#include "model/objects.h"
#include "placement/session_registry.h"
#include "store/store.h"

namespace tidepool::runtime {

class PlacementCache {
public:
    explicit PlacementCache(store::Store& store) : store_(store) {}

    // The pool's registry, true to the store, or nullptr when the store cannot be read. Its
    // place() chooses and records a session; the caller then writes the session and reports
    // it with saved(), or calls forget_all() if the write failed.
    placement::SessionRegistry* registry(const model::Pool& pool);

    // Reports a row this runtime has just written successfully.
    void saved(const model::Server& server);
    void saved(const model::Session& session);
    // Drops every registry (a write failed, or the caller cannot tell what the store holds).
    void forget_all();

    // How many registries were built from the store so far (tests, metrics).
    std::uint64_t rebuilds() const { return rebuilds_; }

private:
    struct PoolView {
        std::unique_ptr<placement::SessionRegistry> registry;
        // Gone servers keep their slot in the index until the next rebuild; counted so the
        // index is rebuilt once they outnumber the live ones.
        std::set<model::Id> retired;
    };
    // Whether the one write just reported is the only change since the cache was last true.
    bool in_step();
    Result<std::unique_ptr<placement::SessionRegistry>> build(const model::Pool& pool);
    PoolView* view_of(const model::Id& pool_id);

    store::Store& store_;
    std::uint64_t generation_ = 0;  // the store's machine_generation() the registries match
    std::map<model::Id, PoolView> pools_;
    std::uint64_t rebuilds_ = 0;
};

}  // namespace tidepool::runtime
