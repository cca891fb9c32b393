// Group commit for acknowledged requests (issue 4: a request the API or the engine acknowledged
// survives a crash, and throughput does not pay for it). With synchronous=FULL each commit
// waits for the disk, about as long as placing thousands of sessions; committing each request
// alone capped the API at the disk's sync rate. Requests instead queue here and the strand
// runs everything queued in one transaction: while it syncs, the next batch gathers.
//
// A failed request must roll back only its own writes. A savepoint per request does that but
// costs about a third of a small request, and nearly every request either succeeds or fails
// before it writes (a bad pool, an empty user), which leaves nothing to undo. So the batch runs
// optimistically, without savepoints; only when a request fails after writing is the whole
// transaction rolled back and the batch run again, each request in its own savepoint. A work
// may therefore run twice: it must keep its effects to the store and the events it emits
// (both are undone), which the runtime's request works do; the placement cache rebuilds after
// the rollback.
#include <exception>

#include "runtime/runtime.h"

namespace tidepool::runtime {
namespace {

Result<void> run_guarded(const Runtime::DurableWork& work) {
    try {
        return work();
    } catch (const std::exception& e) {
        return make_error(ErrorCode::internal, std::string("unexpected error: ") + e.what());
    }
}

}  // namespace

void Runtime::post_durable(DurableWork work, DurableDone done) {
    bool first;
    {
        std::lock_guard lock(durable_mu_);
        durable_queue_.push_back({std::move(work), std::move(done), current_request_id()});
        first = !std::exchange(durable_posted_, true);
    }
    if (first) post([this] { commit_durable_batch(); });
}

// One pass over the batch inside the open transaction. Optimistic: false as soon as a work
// fails after writing (the caller rolls back and runs the batch again with savepoints).
bool Runtime::run_durable_pass(std::vector<DurableRequest>& batch,
                               std::vector<Result<void>>& results, std::vector<Event>& held,
                               bool savepoints) {
    for (std::size_t i = 0; i < batch.size(); ++i) {
        RequestScope scope(batch[i].request_id);
        const std::size_t events_before = held.size();
        if (savepoints) {
            results[i] = store_.transaction([&] { return run_guarded(batch[i].work); });
        } else {
            const std::int64_t written_before = store_.rows_written();
            results[i] = run_guarded(batch[i].work);
            if (!results[i].ok() && store_.rows_written() != written_before) return false;
        }
        if (!results[i].ok()) held.resize(events_before);  // a failed work told nobody
    }
    return true;
}

void Runtime::commit_durable_batch() {
    std::vector<DurableRequest> batch;
    {
        std::lock_guard lock(durable_mu_);
        batch.swap(durable_queue_);
        durable_posted_ = false;  // what arrives from now on goes into the next batch
    }
    std::vector<Result<void>> results(batch.size());
    std::vector<Event> held;
    held_events_ = &held;
    bool rerun = false;
    const auto attempt = [&](bool savepoints) {
        return store_.transaction([&]() -> Result<void> {
            if (run_durable_pass(batch, results, held, savepoints)) return {};
            rerun = true;
            return make_error(ErrorCode::internal, "rolled back: a request failed after writing");
        });
    };
    auto committed = attempt(false);
    if (rerun) {
        held.clear();
        committed = attempt(true);
        ++durable_reruns_;
    }
    held_events_ = nullptr;
    finish_durable_batch(batch, results, held, committed);
}

void Runtime::finish_durable_batch(std::vector<DurableRequest>& batch,
                                   std::vector<Result<void>>& results, std::vector<Event>& held,
                                   const Result<void>& committed) {
    if (committed.ok()) {
        for (auto& e : held) events_.publish(std::move(e));
    } else {
        // Nothing of the batch is stored; the rollback moved the store's machine generation,
        // so the placement cache rebuilds on its next use.
        log("error", "a batch of " + std::to_string(batch.size()) +
                         " requests failed to commit: " + committed.error().message);
        for (auto& r : results)
            if (r.ok()) r = committed.error();
    }
    durable_works_ += batch.size();
    ++durable_batches_;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        RequestScope scope(batch[i].request_id);
        batch[i].done(results[i]);
    }
}

Runtime::DurableStats Runtime::durable_stats() const {
    return {durable_works_.load(), durable_batches_.load(), durable_reruns_.load()};
}

}  // namespace tidepool::runtime
