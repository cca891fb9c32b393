#include "planner/planner.h"

#include "planner/pool_model.h"
#include "planner/rules.h"

namespace tidepool::planner {

Plan plan(const PoolSnapshot& pool, Instant now) {
    PoolModel model(pool.id, pool.kind, pool.configs);
    for (const Machine& m : pool.machines) model.add_machine(m);
    for (const QueuedRequest& r : pool.queue) model.add_request(r);
    return evaluate(model, now);
}

}  // namespace tidepool::planner
