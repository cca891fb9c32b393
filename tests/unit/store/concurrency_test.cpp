// The store is called from several threads; it must serialise them without losing writes.
#include <atomic>
#include <thread>

#include "support.h"

using namespace tidepool;
using namespace tidepool::store;
using namespace tidepool::store::test;

TEST_CASE("four threads writing, reading and transacting at once") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"), /*decisions_per_pool=*/10);
    REQUIRE_OK(store->put_pool(pool("web")));
    constexpr int kThreads = 4;
    constexpr int kPerThread = 25;
    std::atomic<int> failures{0};

    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i) {
                const std::string id = "s-" + std::to_string(t) + "-" + std::to_string(i);
                auto s = session(id.c_str(), "web");
                bool ok = store->put_session(s).ok();
                s.state = model::SessionState::placed;
                // A read-modify-write inside a transaction, while others write around it.
                ok = ok && store->transaction([&]() -> Result<void> {
                               auto current = store->get_session(id);
                               if (!current) return current.error();
                               return store->put_session(s);
                           }).ok();
                ok = ok && store->list_sessions({.pool_id = "web"}).ok();
                ok = ok && store->append_decision({0, "web", model::from_unix(i), "{}"}).ok();
                if (!ok) ++failures;
            }
        });
    }
    for (auto& thread : threads) thread.join();

    CHECK(failures == 0);
    auto all = store->list_sessions({.states = {model::SessionState::placed}});
    REQUIRE(all.ok());
    CHECK(all->size() == kThreads * kPerThread);
    CHECK(store->list_decisions("web", 100)->size() == 10);
}
