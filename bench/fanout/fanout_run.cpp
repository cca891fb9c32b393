#include "fanout_run.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <vector>

#include "plugins/clock.h"
#include "plugins/registry.h"
#include "providers/plugin_gateway.h"
#include "providers/resilient_gateway.h"
#include "store/store.h"

namespace tidepool::bench {

namespace fs = std::filesystem;
using TimePoint = std::chrono::system_clock::time_point;

namespace {

constexpr int64_t kStartMs = 1'700'000'000'000;

// The resilience layer's time on the plugin's virtual clock: a wait moves the clock instead of
// sleeping. Waits round up to the next millisecond, the sim's resolution, so a client token due
// at 12.3 ms is not spent at 12 ms, before the provider's bucket has refilled it.
class VirtualResilienceClock : public providers::ResilienceClock {
public:
    explicit VirtualResilienceClock(plugins::VirtualClock& clock) : clock_(clock) {}
    TimePoint now() override { return TimePoint(std::chrono::milliseconds(clock_.now_unix_ms())); }
    bool sleep_until(TimePoint when, const Cancellation& cancel) override {
        if (cancel.cancelled()) return true;
        auto target = std::chrono::ceil<std::chrono::milliseconds>(when.time_since_epoch()).count();
        if (int64_t now = clock_.now_unix_ms(); target > now) clock_.advance(target - now);
        return false;
    }

private:
    plugins::VirtualClock& clock_;
};

// Counts the provider's throttling answers on their way up, before any retry hides them.
class ThrottleCounter : public runtime::ProviderGateway {
public:
    explicit ThrottleCounter(runtime::ProviderGateway& inner) : inner_(inner) {}
    int throttled = 0;

    Result<runtime::VmRecord> create_vm(const model::Id& c, const runtime::CreateVmRequest& r,
                                        const runtime::CallOptions& call) override {
        return count(inner_.create_vm(c, r, call));
    }
    Result<runtime::VmRecord> get_vm(const model::Id& c, const std::string& id,
                                     const runtime::CallOptions& call) override {
        return count(inner_.get_vm(c, id, call));
    }
    Result<std::vector<runtime::VmRecord>> list_vms(const model::Id& c, const runtime::Tags& f,
                                                    const runtime::CallOptions& call) override {
        return count(inner_.list_vms(c, f, call));
    }
    Result<void> delete_vm(const model::Id& c, const std::string& id,
                           const runtime::CallOptions& call) override {
        return count(inner_.delete_vm(c, id, call));
    }
    Result<void> validate_provider_config(const model::ProviderConfig& c,
                                          const std::string& p) override {
        return inner_.validate_provider_config(c, p);
    }
    model::ProviderConfig redacted(const model::ProviderConfig& c) override {
        return inner_.redacted(c);
    }
    void invalidate(const model::Id& id) override { inner_.invalidate(id); }

private:
    template <class R>
    R count(R result) {
        if (!result.ok() && result.error().message.find("RequestLimitExceeded") != std::string::npos)
            ++throttled;
        return result;
    }
    runtime::ProviderGateway& inner_;
};

fs::path scratch_dir() {
    std::string pattern = (fs::temp_directory_path() / "tp-fanout-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    return pattern;
}

std::string sim_config(const FanoutOptions& o) {
    return "{\"cloud\":\"fanout\",\"max_instances\":" + std::to_string(o.instances * 2) +
           ",\"seed\":" + std::to_string(o.seed) +
           ",\"boot_seconds\":{\"distribution\":\"fixed\",\"mean\":30}"
           ",\"throttle\":{\"create_burst\":" + std::to_string(static_cast<int>(o.bucket_burst)) +
           ",\"create_refill_per_s\":" + std::to_string(o.bucket_refill_per_s) + "}}";
}

runtime::CreateVmRequest request_for(int i) {
    std::string n = std::to_string(i);
    return {"fan-" + n, "key-" + n,
            runtime::Tags{{runtime::kTagInstallation, "fanout"},
                          {runtime::kTagConfig, "fan"},
                          {runtime::kTagMachine, "m" + n}},
            "#!/bin/sh\ntrue\n", "linux"};
}

// The world one run needs: a private copy of the sim, its registry, a store holding the
// provider config, and the gateway stack tidepoold uses.
struct World {
    explicit World(const FanoutOptions& o)
        : dir(scratch_dir()), clock(std::make_shared<plugins::VirtualClock>(kStartMs)),
          rclock(*clock) {
        fs::copy_file(o.sim_plugin, dir / "tidepool-sim.so");
        plugins::RegistryOptions ro;
        ro.plugin_dirs = {dir};
        ro.services.clock = clock;
        ro.services.log = [](const plugins::LogRecord&) {};
        registry = std::make_unique<plugins::PluginRegistry>(std::move(ro));
        if (registry->reload().loaded.size() != 1) throw std::runtime_error("sim did not load");
        store = std::move(store::open_sqlite_store({(dir / "bench.db").string()}).value());
        auto put = store->put_provider_config(
            {"sim", "sim", model::ProviderKind::vm, "org.tidepool.sim", sim_config(o), 0});
        if (!put.ok()) throw std::runtime_error(put.error().message);
        plugin_gateway = std::make_unique<providers::PluginGateway>(*registry, *store);
        counter = std::make_unique<ThrottleCounter>(*plugin_gateway);
        providers::ResilienceOptions res;
        res.create = o.client_bucket
                         ? providers::TokenBucketOptions{o.bucket_burst, o.bucket_refill_per_s}
                         : providers::TokenBucketOptions{0, 0};
        res.jitter_seed = o.seed;
        gateway = std::make_unique<providers::ResilientGateway>(*counter, res, rclock);
    }
    ~World() {
        gateway.reset();
        counter.reset();
        plugin_gateway.reset();
        registry.reset();
        store.reset();
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    runtime::CallOptions call(const Cancellation& cancel) {
        runtime::CallOptions c;
        c.deadline = rclock.now() + std::chrono::minutes(10);
        c.cancel = cancel;
        return c;
    }
    double elapsed_since(int64_t start_ms) const {
        return static_cast<double>(clock->now_unix_ms() - start_ms) / 1000.0;
    }

    fs::path dir;
    std::shared_ptr<plugins::VirtualClock> clock;
    VirtualResilienceClock rclock;
    std::unique_ptr<plugins::PluginRegistry> registry;
    std::unique_ptr<store::Store> store;
    std::unique_ptr<providers::PluginGateway> plugin_gateway;
    std::unique_ptr<ThrottleCounter> counter;
    std::unique_ptr<providers::ResilientGateway> gateway;
};

std::set<int> pick_cancelled(const FanoutOptions& o) {
    std::vector<int> all(static_cast<size_t>(o.instances));
    for (int i = 0; i < o.instances; ++i) all[static_cast<size_t>(i)] = i;
    std::mt19937_64 rng(o.seed);
    std::shuffle(all.begin(), all.end(), rng);
    auto n = static_cast<size_t>(std::lround(o.cancel_share * o.instances));
    return {all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n)};
}

// VMs alive at the end that no surviving request owns, plus extra VMs for one request.
int count_orphans(World& w, const std::map<int, std::string>& kept, FanoutFigures& f) {
    auto listed = w.gateway->list_vms("sim", {{runtime::kTagInstallation, "fanout"}},
                                      w.call(Cancellation{}));
    if (!listed.ok()) throw std::runtime_error("list_vms: " + listed.error().message);
    std::map<std::string, int> per_machine;
    for (const auto& vm : listed.value()) {
        if (vm.state == runtime::VmState::deleting || vm.state == runtime::VmState::gone) continue;
        ++f.live;
        ++per_machine[vm.tags.at(runtime::kTagMachine)];
    }
    int orphans = 0;
    for (const auto& [machine, n] : per_machine) {
        bool owned = kept.count(std::stoi(machine.substr(1))) > 0;
        orphans += owned ? n - 1 : n;
    }
    return orphans;
}

}  // namespace

FanoutFigures run_fanout(const FanoutOptions& o) {
    World w(o);
    FanoutFigures f;
    const std::set<int> doomed = pick_cancelled(o);
    std::vector<Cancellation> cancels(static_cast<size_t>(o.instances));
    std::map<int, std::string> made;  // request -> provider id
    const double full_ideal = std::max(0.0, (o.instances - o.bucket_burst) / o.bucket_refill_per_s);
    const int64_t start = w.clock->now_unix_ms();
    int64_t last_answer = start;
    bool cancelled = false;
    for (int i = 0; i < o.instances; ++i) {
        if (!cancelled && w.elapsed_since(start) >= o.cancel_after_share * full_ideal) {
            // Mid-flight: the operator takes back 30 % of the order. Requests not sent yet are
            // cancelled; VMs already made for them are deleted.
            cancelled = true;
            for (int d : doomed) {
                cancels[static_cast<size_t>(d)].cancel();
                auto it = made.find(d);
                if (it == made.end()) continue;
                auto del = w.gateway->delete_vm("sim", it->second, w.call(Cancellation{}));
                if (!del.ok()) throw std::runtime_error("delete_vm: " + del.error().message);
                ++f.deleted_after_cancel;
                made.erase(it);
            }
        }
        auto r = w.gateway->create_vm("sim", request_for(i), w.call(cancels[static_cast<size_t>(i)]));
        if (r.ok()) {
            made[i] = r->provider_id;
            ++f.accepted;
            last_answer = w.clock->now_unix_ms();
        } else if (r.error().code == ErrorCode::cancelled) {
            ++f.cancelled_before_call;
        } else {
            ++f.failed;
        }
    }
    f.elapsed_s = static_cast<double>(last_answer - start) / 1000.0;
    f.ideal_s = std::max(0.0, (f.accepted - o.bucket_burst) / o.bucket_refill_per_s);
    f.throttle_errors = w.counter->throttled;
    f.orphans = count_orphans(w, made, f);
    return f;
}

}  // namespace tidepool::bench
