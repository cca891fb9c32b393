#include "placement/queue_eta.h"

#include <algorithm>
#include <cmath>

namespace tidepool::placement {

namespace {

int whole_seconds(double s) { return static_cast<int>(std::ceil(std::max(0.0, s))); }

}  // namespace

std::vector<int> queue_etas(std::size_t queued, std::vector<IncomingCapacity> incoming,
                            NextMachine next) {
    std::stable_sort(incoming.begin(), incoming.end(), [](const auto& a, const auto& b) {
        return a.ready_in_s < b.ready_in_s;
    });
    std::vector<int> etas;
    etas.reserve(queued);
    auto machine = incoming.begin();
    long left_on_machine = 0;  // sessions the current booting machine still has for the queue
    double ready_in = 0;
    while (etas.size() < queued) {
        while (left_on_machine == 0 && machine != incoming.end()) {
            left_on_machine = std::max(0L, machine->sessions);
            ready_in = machine->ready_in_s;
            ++machine;
        }
        if (left_on_machine == 0) break;  // every booting machine is spoken for
        --left_on_machine;
        etas.push_back(whole_seconds(ready_in));
    }
    // The rest wait for machines still to be ordered; the planner orders them together, so
    // they all need one boot (batches beyond max_instances are the maximum wait's business).
    int later = next.sessions > 0 ? whole_seconds(next.boot_s) : -1;
    etas.resize(queued, later);
    return etas;
}

}  // namespace tidepool::placement
