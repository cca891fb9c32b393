#include "store/group_committer.h"

#include <exception>
#include <memory>
#include <vector>

namespace tidepool::store {

GroupCommitter::GroupCommitter(Store& store, Options options)
    : store_(store), options_(options) {
    if (options_.max_batch == 0) options_.max_batch = 1;
    thread_ = std::thread([this] { run(); });
    worker_id_ = thread_.get_id();
}

GroupCommitter::~GroupCommitter() { stop(); }

void GroupCommitter::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    work_.notify_all();
    space_.notify_all();
    if (std::this_thread::get_id() == worker_id_) return;  // a callback cannot join itself
    std::lock_guard join(join_mutex_);
    if (thread_.joinable()) thread_.join();
}

void GroupCommitter::push(Write write, Done done) {
    std::unique_lock lock(mutex_);
    // Never block the committer thread itself (a Done callback pushing): it is the one that
    // makes room.
    if (std::this_thread::get_id() != worker_id_) {
        space_.wait(lock, [&] { return stopping_ || queue_.size() < options_.max_pending; });
    }
    if (stopping_) {
        lock.unlock();
        if (done) done(Error{ErrorCode::cancelled, "the store's write queue has stopped", ""});
        return;
    }
    queue_.push_back(Pending{std::move(write), std::move(done)});
    ++pushed_;
    lock.unlock();
    work_.notify_one();
}

std::future<Result<void>> GroupCommitter::push(Write write) {
    auto promise = std::make_shared<std::promise<Result<void>>>();
    auto future = promise->get_future();
    push(std::move(write), [promise](const Result<void>& result) { promise->set_value(result); });
    return future;
}

void GroupCommitter::flush() {
    std::unique_lock lock(mutex_);
    const std::uint64_t target = pushed_;
    space_.wait(lock, [&] { return stats_.writes >= target || finished_; });
}

GroupCommitter::Stats GroupCommitter::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

void GroupCommitter::run() {
    std::deque<Pending> batch;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) {  // stopping, and everything pushed is committed
                finished_ = true;
                space_.notify_all();
                return;
            }
            const std::size_t n = std::min(queue_.size(), options_.max_batch);
            for (std::size_t i = 0; i < n; ++i) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        space_.notify_all();
        commit_batch(batch);
        batch.clear();
    }
}

namespace {

// A throwing write must not take the committer thread down with it.
Result<void> run_guarded(const GroupCommitter::Write& write, Store& store) {
    try {
        return write(store);
    } catch (const std::exception& e) {
        return Error{ErrorCode::internal, std::string("a queued store write threw: ") + e.what(),
                     ""};
    } catch (...) {
        return Error{ErrorCode::internal, "a queued store write threw", ""};
    }
}

}  // namespace

// Fast path: the whole batch in one transaction with no per-write savepoint (a savepoint costs
// about as much as a small write). If any write fails, that attempt is rolled back and the batch
// re-run with each write in its own savepoint, so only the failing write is lost. Writes may
// therefore run twice, which is why they must only touch the store they are given.
Result<void> GroupCommitter::execute(std::deque<Pending>& batch,
                                     std::vector<Result<void>>& results) {
    bool all_ok = true;
    Result<void> committed = store_.transaction([&]() -> Result<void> {
        for (std::size_t i = 0; i < batch.size(); ++i) {
            results[i] = run_guarded(batch[i].write, store_);
            if (!results[i]) {
                all_ok = false;
                return results[i];
            }
        }
        return {};
    });
    if (all_ok) return committed;
    return store_.transaction([&]() -> Result<void> {
        for (std::size_t i = 0; i < batch.size(); ++i) {
            results[i] = store_.transaction([&] { return run_guarded(batch[i].write, store_); });
        }
        return {};
    });
}

void GroupCommitter::commit_batch(std::deque<Pending>& batch) {
    std::vector<Result<void>> results(batch.size());
    const Result<void> committed = execute(batch, results);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (!batch[i].done) continue;
        try {
            batch[i].done(committed ? results[i] : committed);
        } catch (...) {
            // A callback's failure is its own; the other callers still need to hear back.
        }
    }
    {
        std::lock_guard lock(mutex_);
        stats_.writes += batch.size();
        ++stats_.batches;
    }
    space_.notify_all();
}

}  // namespace tidepool::store
