// Group commit for acknowledged requests (issue 4: a request the API or the engine acknowledged
// survives a crash, and throughput does not pay for it). With synchronous=FULL each commit
// waits for the disk, about as long as placing thousands of sessions; committing each request
// alone capped the API at the disk's sync rate. Requests instead queue here and the strand
// runs everything queued in one transaction: while it syncs, the next batch gathers.
#include <exception>

#include "runtime/runtime.h"

namespace tidepool::runtime {
namespace {

// A work runs in its own savepoint: its failure, or an exception it throws, rolls back its
// own writes only and becomes its own answer.
Result<void> run_alone(store::Store& store, const Runtime::DurableWork& work) {
    try {
        return store.transaction(work);
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
    auto committed = store_.transaction([&]() -> Result<void> {
        for (std::size_t i = 0; i < batch.size(); ++i) {
            RequestScope scope(batch[i].request_id);
            results[i] = run_alone(store_, batch[i].work);
        }
        return {};
    });
    held_events_ = nullptr;
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
    return {durable_works_.load(), durable_batches_.load()};
}

}  // namespace tidepool::runtime
