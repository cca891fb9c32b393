// GroupCommitter: every caller hears back once its write is durable, failures stay their own.
#include <atomic>
#include <thread>

#include "store/group_committer.h"
#include "support.h"

using namespace tidepool;
using namespace tidepool::store;
using namespace tidepool::store::test;

namespace {

GroupCommitter::Write put(model::Session s) {
    return [s](Store& store) { return store.put_session(s); };
}

}  // namespace

TEST_CASE("writes from many threads are all committed, in batches") {
    TempDir dir;
    const std::string path = dir.file("db.sqlite");
    auto store = open_store(path);
    REQUIRE_OK(store->put_pool(pool("web")));
    constexpr int kThreads = 4;
    constexpr int kPerThread = 500;
    std::atomic<int> done{0}, failed{0};
    {
        GroupCommitter committer(*store);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < kPerThread; ++i) {
                    const std::string id = "s-" + std::to_string(t) + "-" + std::to_string(i);
                    committer.push(put(session(id.c_str(), "web")),
                                   [&](const Result<void>& r) {
                                       ++done;
                                       if (!r) ++failed;
                                   });
                }
            });
        }
        for (auto& thread : threads) thread.join();
        committer.flush();
        CHECK(done == kThreads * kPerThread);
        const auto stats = committer.stats();
        CHECK(stats.writes == kThreads * kPerThread);
        CHECK(stats.batches >= 1);
        CHECK(stats.batches <= stats.writes);
    }
    CHECK(failed == 0);
    store.reset();
    auto reopened = open_store(path);
    CHECK(reopened->list_sessions()->size() == kThreads * kPerThread);
}

TEST_CASE("a failing write is reported to its caller only") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    REQUIRE_OK(store->put_pool(pool("web")));
    GroupCommitter committer(*store, {.max_batch = 64, .max_pending = 1024});
    auto good1 = committer.push(put(session("a", "web")));
    auto bad = committer.push(put(session("b", "no-such-pool")));
    auto partial = committer.push([](Store& s) -> Result<void> {
        if (auto r = s.put_session(session("c", "web")); !r) return r;
        return Error{ErrorCode::invalid, "second half failed", ""};
    });
    auto thrower = committer.push([](Store&) -> Result<void> { throw std::runtime_error("x"); });
    auto good2 = committer.push(put(session("d", "web")));

    CHECK(good1.get().ok());
    auto bad_result = bad.get();
    CHECK(bad_result.error().field == "/pool_id");
    CHECK(partial.get().error().message == "second half failed");
    CHECK(thrower.get().error().code == ErrorCode::internal);
    CHECK(good2.get().ok());
    CHECK(store->get_session("a").ok());
    CHECK(store->get_session("b").error().code == ErrorCode::not_found);
    CHECK(store->get_session("c").error().code == ErrorCode::not_found);  // rolled back alone
    CHECK(store->get_session("d").ok());
}

TEST_CASE("stop commits what was queued; later pushes are cancelled") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    REQUIRE_OK(store->put_pool(pool("web")));
    GroupCommitter committer(*store, {.max_batch = 2, .max_pending = 4});
    std::vector<std::future<Result<void>>> futures;
    for (int i = 0; i < 20; ++i) {
        const std::string id = "s" + std::to_string(i);
        futures.push_back(committer.push(put(session(id.c_str(), "web"))));
    }
    committer.stop();
    for (auto& f : futures) CHECK(f.get().ok());
    CHECK(store->list_sessions()->size() == 20);
    auto late = committer.push(put(session("late", "web")));
    CHECK(late.get().error().code == ErrorCode::cancelled);
    committer.flush();  // returns at once: nothing left to wait for
}

TEST_CASE("a done callback may push more writes") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    REQUIRE_OK(store->put_pool(pool("web")));
    GroupCommitter committer(*store, {.max_batch = 8, .max_pending = 1});
    std::promise<Result<void>> chained;
    committer.push(put(session("first", "web")), [&](const Result<void>&) {
        committer.push(put(session("second", "web")),
                       [&](const Result<void>& r) { chained.set_value(r); });
    });
    CHECK(chained.get_future().get().ok());
    CHECK(store->get_session("second").ok());
}
