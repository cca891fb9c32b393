#include "runtime/placement_cache.h"

namespace tidepool::runtime {
namespace {

// Below this many gone servers a pool's index is not worth rebuilding just to drop them.
constexpr std::size_t kRetiredBeforeCompaction = 256;

bool takes_sessions(const model::Server& s) { return s.state == model::MachineState::running; }

}  // namespace

void PlacementCache::forget_all() {
    pools_.clear();
    generation_ = store_.machine_generation();
}

bool PlacementCache::in_step() {
    std::uint64_t now = store_.machine_generation();
    bool one_step = now == generation_ + 1;
    if (!one_step) {
        forget_all();
        return false;
    }
    generation_ = now;
    return true;
}

PlacementCache::PoolView* PlacementCache::view_of(const model::Id& pool_id) {
    auto it = pools_.find(pool_id);
    if (it == pools_.end()) return nullptr;
    return it->second.registry || it->second.agents ? &it->second : nullptr;
}

Result<std::unique_ptr<placement::SessionRegistry>> PlacementCache::build(const model::Pool& pool) {
    auto servers = store_.list_servers({pool.id, std::nullopt, {}});
    if (!servers.ok()) return servers.error();
    auto placed = store_.list_sessions({pool.id, std::nullopt, std::nullopt,
                                        {model::SessionState::placed}});
    if (!placed.ok()) return placed.error();
    auto registry = std::make_unique<placement::SessionRegistry>(pool.placement);
    registry->reserve(servers->size(), placed->size(), placed->size());
    for (const auto& s : servers.value()) {
        if (s.state == model::MachineState::gone) continue;
        auto slot = registry->servers().add_server(s.id, s.max_sessions, s.max_users);
        registry->servers().set_available(slot, takes_sessions(s));
    }
    // A session left placed on a server that is gone holds nothing anyone could use.
    for (const auto& s : placed.value())
        (void)registry->restore(s.id, s.server_id, s.user, s.kind);
    ++rebuilds_;
    return registry;
}

placement::SessionRegistry* PlacementCache::registry(const model::Pool& pool) {
    if (store_.machine_generation() != generation_) forget_all();
    PoolView& view = pools_[pool.id];
    // The operator changed the pool's strategy: the index ranks servers the other way now.
    if (view.registry && view.registry->strategy() != pool.placement) view = PoolView{};
    if (view.agents) view = PoolView{};  // the pool was an agent pool until now
    if (!view.registry) {
        auto built = build(pool);
        if (!built.ok()) {
            pools_.erase(pool.id);
            return nullptr;
        }
        view.registry = std::move(built.value());
    }
    return view.registry.get();
}

void PlacementCache::saved(const model::Server& server) {
    if (!in_step()) return;
    PoolView* view = view_of(server.pool_id);
    if (!view) return;
    if (view->agents) return saved_agent(*view, server);
    auto& index = view->registry->servers();
    auto slot = index.add_server(server.id, server.max_sessions, server.max_users);
    index.set_available(slot, takes_sessions(server));
    if (server.state != model::MachineState::gone) return;
    view->retired.insert(server.id);
    if (view->retired.size() > kRetiredBeforeCompaction &&
        view->retired.size() * 2 > index.server_count())
        pools_.erase(server.pool_id);  // rebuilt without them on next use
}

void PlacementCache::saved(const model::Session& session) {
    if (!in_step()) return;
    PoolView* view = view_of(session.pool_id);
    if (!view) return;
    if (view->agents) return saved_agent(*view, session);
    auto& registry = *view->registry;
    bool known = registry.find(session.id).has_value();
    if (session.state != model::SessionState::placed) {
        if (known) (void)registry.end(session.id);
        return;
    }
    if (known) return;  // placed through registry(): already recorded
    if (!registry.restore(session.id, session.server_id, session.user, session.kind))
        pools_.erase(session.pool_id);  // a server the index does not know: rebuild
}

}  // namespace tidepool::runtime
