// GroupCommitter: many small durable writes, one fsync per batch.
//
// With synchronous=FULL every commit waits for the disk, so committing each session state
// change alone caps throughput at the disk's sync rate. Callers instead push writes here; one
// thread takes everything queued (up to max_batch), runs it in a single store transaction and
// commits once, then tells each caller its write is durable. While that commit syncs, new
// writes queue up for the next batch, so batches grow with load and latency stays one sync.
//
// A write that fails rolls back alone and only its caller hears the error (the batch is re-run
// with a savepoint per write; see execute()), so a write may run twice and must only touch the
// Store it is given. A failed commit fails the whole batch.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "store/store.h"

namespace tidepool::store {

class GroupCommitter {
public:
    // Runs inside the batch's transaction, on the committer thread; use the Store it is given.
    using Write = std::function<Result<void>(Store&)>;
    // Called on the committer thread once the write is durable (ok) or has failed. Keep it
    // short: the next batch waits for it. It may push more writes but must not flush().
    using Done = std::function<void(const Result<void>&)>;

    struct Options {
        std::size_t max_batch = 4096;     // writes per transaction, at most
        std::size_t max_pending = 65536;  // push() blocks while this many are queued
    };
    struct Stats {
        std::uint64_t writes = 0;   // writes committed or failed so far
        std::uint64_t batches = 0;  // transactions committed or failed so far
    };

    // The store must outlive the committer.
    explicit GroupCommitter(Store& store) : GroupCommitter(store, Options{}) {}
    GroupCommitter(Store& store, Options options);
    GroupCommitter(const GroupCommitter&) = delete;
    GroupCommitter& operator=(const GroupCommitter&) = delete;
    // Commits everything already pushed, then stops.
    ~GroupCommitter();

    void push(Write write, Done done);
    std::future<Result<void>> push(Write write);
    // Blocks until every write pushed before this call is durable or failed.
    void flush();
    // Commits what is queued and stops the thread; later pushes fail with `cancelled`.
    void stop();
    Stats stats() const;

private:
    struct Pending {
        Write write;
        Done done;
    };
    void run();
    void commit_batch(std::deque<Pending>& batch);
    Result<void> execute(std::deque<Pending>& batch, std::vector<Result<void>>& results);

    Store& store_;
    Options options_;
    mutable std::mutex mutex_;
    std::condition_variable work_;   // the committer waits for writes
    std::condition_variable space_;  // pushers wait for queue space; flushers for progress
    std::deque<Pending> queue_;
    std::uint64_t pushed_ = 0;
    Stats stats_;
    bool stopping_ = false;
    bool finished_ = false;  // the committer thread has exited
    std::mutex join_mutex_;  // stop() may be called from several threads
    std::thread thread_;
    std::thread::id worker_id_;
};

}  // namespace tidepool::store
