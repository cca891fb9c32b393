// bench_fanout: fan out 0 -> 1,000 instances on tidepool-sim with EC2-like throttling and
// cancel 30 % of them mid-flight, through the same PluginGateway + ResilientGateway stack
// tidepoold uses, with every request on one worker.
//
// Clocks: every figure is on the plugin's VirtualClock (the sim and the resilience layer share
// it; a wait advances it), so the elapsed time is exact and the run takes about a second of
// real time. Nothing here measures real time.
//
//   fanout.ratio_to_ideal   elapsed (first create sent -> last create answered) divided by the
//                           provider bucket's minimum: (creates accepted - burst) / refill.
//   fanout.throttle_errors  the provider's RequestLimitExceeded answers (target 0: the
//                           client-side bucket keeps us under the provider's).
//   fanout.orphans          VMs alive at the end that no surviving request owns, or doubles.
//   fanout.unpaced_*        the same run with client-side pacing off, for comparison: the
//                           provider throttles, and retry-after hints keep the pace.
//
// Usage: bench_fanout [INSTANCES]   (default 1000)
#include <cstdio>
#include <cstdlib>
#include <exception>

#include "fanout_run.h"

int main(int argc, char** argv) {
    using tidepool::bench::FanoutOptions;
    FanoutOptions o;
    if (argc > 1) o.instances = std::max(10, std::atoi(argv[1]));
    o.sim_plugin = TIDEPOOL_SIM_PLUGIN;
    try {
        auto paced = tidepool::bench::run_fanout(o);
        std::fprintf(stderr,
                     "fanout: %d requested, %d accepted, %d cancelled before the call, %d "
                     "deleted after, %d failed, %d live; %.1f s virtual vs %.1f s ideal\n",
                     o.instances, paced.accepted, paced.cancelled_before_call,
                     paced.deleted_after_cancel, paced.failed, paced.live, paced.elapsed_s,
                     paced.ideal_s);
        std::printf("BENCH fanout.ratio_to_ideal %.3f\n",
                    paced.ideal_s > 0 ? paced.elapsed_s / paced.ideal_s : 1.0);
        std::printf("BENCH fanout.throttle_errors %d\n", paced.throttle_errors);
        std::printf("BENCH fanout.orphans %d\n", paced.orphans);

        o.client_bucket = false;
        auto unpaced = tidepool::bench::run_fanout(o);
        std::printf("BENCH fanout.unpaced_ratio_to_ideal %.3f\n",
                    unpaced.ideal_s > 0 ? unpaced.elapsed_s / unpaced.ideal_s : 1.0);
        std::printf("BENCH fanout.unpaced_throttle_errors %d\n", unpaced.throttle_errors);
        return paced.orphans == 0 && unpaced.orphans == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_fanout: %s\n", e.what());
        return 2;
    }
}
