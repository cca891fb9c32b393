#include "sim_client.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace tidepool::sim {

namespace {

using sdk::ProviderError;

// How long an injected timeout hangs when neither timeout_after_ms nor a deadline bounds it.
constexpr int64_t kUnboundedTimeoutMs = 30000;

uint64_t fresh_seed() {
    std::random_device random;
    return (static_cast<uint64_t>(random()) << 32) ^ random();
}

std::string seconds_text(int64_t ms) {
    return std::to_string(ms / 1000) + "." + std::to_string(ms % 1000 / 100) + " s";
}

// EC2-style: 10.0.1.7 -> ip-10-0-1-7.sim.internal.
std::string hostname_for(std::string ip) {
    std::replace(ip.begin(), ip.end(), '.', '-');
    return "ip-" + ip + ".sim.internal";
}

std::string detail_of(const SimVm& vm, int32_t state, int64_t now_ms) {
    switch (state) {
        case TP_VM_STATE_PENDING:
            return "booting; RUNNING in " + seconds_text(vm.running_at() - now_ms);
        case TP_VM_STATE_DELETING:
            return "terminating; GONE in " + seconds_text(vm.gone_at() - now_ms);
        case TP_VM_STATE_GONE:
            return "terminated";
        default:
            return "running";
    }
}

}  // namespace

std::unique_ptr<SimClient> SimClient::open(std::string_view config_json) {
    SimConfig config = SimConfig::parse(config_json);
    std::shared_ptr<Cloud> cloud = open_cloud(config.cloud, config.state_file);
    cloud->load();  // a damaged state file fails the open, not some later create
    uint64_t seed = config.seed ? *config.seed : fresh_seed();
    return std::make_unique<SimClient>(std::move(config), std::move(cloud), seed);
}

SimClient::SimClient(SimConfig config, std::shared_ptr<Cloud> cloud, uint64_t seed)
    : config_(std::move(config)), cloud_(std::move(cloud)), prng_(seed) {}

void SimClient::throttled(int64_t retry_after_ms, const char* why) const {
    throw ProviderError(TP_ERR_UNAVAILABLE,
                        "sim cloud " + cloud_->name() + ": request limit exceeded (" + why +
                            "); retry in " + std::to_string(retry_after_ms) + " ms",
                        {}, "RequestLimitExceeded", retry_after_ms);
}

bool SimClient::admit(const sdk::Call& call, Op op, int64_t now_ms) {
    call.check(now_ms);  // a call already cancelled or past its deadline never reaches the cloud
    // Deletes are not metered, as EC2 meters TerminateInstances apart from RunInstances.
    const BucketConfig& bucket = op == Op::read ? config_.read_bucket : config_.create_bucket;
    if (op != Op::remove) {
        Bucket which = op == Op::create ? Bucket::create : Bucket::read;
        if (int64_t wait = cloud_->take_token(which, bucket, now_ms); wait > 0) {
            throttled(wait, op == Op::create ? "create bucket empty" : "read bucket empty");
        }
    }
    const ErrorRates& e = config_.errors;
    if (prng_.chance(e.server_error)) {
        throw ProviderError(TP_ERR_UNAVAILABLE,
                            "sim cloud " + cloud_->name() + ": injected server error (HTTP 500)",
                            {}, "InternalError");
    }
    if (prng_.chance(e.throttle)) {
        // The hint an injected throttle gives is the bucket's own token interval.
        throttled(static_cast<int64_t>(std::ceil(1000.0 / bucket.refill_per_s)),
                  "injected throttling");
    }
    if (op == Op::create && prng_.chance(e.capacity)) {
        throw ProviderError(TP_ERR_CAPACITY,
                            "sim cloud " + cloud_->name() +
                                ": injected shortage, insufficient capacity for the request",
                            {}, "InsufficientInstanceCapacity");
    }
    return prng_.chance(e.timeout);
}

void SimClient::lose_answer(const sdk::Call& call, int64_t now_ms) const {
    int64_t wait = config_.errors.timeout_after_ms;
    if (wait == 0) {
        wait = call.deadline_unix_ms() > 0 ? std::max<int64_t>(call.deadline_unix_ms() - now_ms, 0)
                                           : kUnboundedTimeoutMs;
    }
    try {
        sdk::host().sleep_ms(wait, call);  // returns early at the deadline; cancellable
    } catch (const ProviderError& e) {
        if (e.status() != TP_ERR_TIMEOUT) throw;
    }
    throw ProviderError(TP_ERR_TIMEOUT,
                        "sim cloud " + cloud_->name() + ": injected timeout, no answer after " +
                            std::to_string(sdk::host().now_ms() - now_ms) + " ms",
                        {}, "RequestTimeout");
}

sdk::VmRecord SimClient::describe(const SimVm& vm, int64_t now_ms) const {
    sdk::VmRecord r;
    r.state = vm.state_at(now_ms);
    r.provider_id = vm.id;
    r.name = vm.name;
    r.private_ip = vm.private_ip;
    r.hostname = hostname_for(vm.private_ip);
    r.tags = vm.tags;
    r.created_unix_ms = vm.created_ms;
    r.detail = detail_of(vm, r.state, now_ms) + " (sim cloud " + cloud_->name() + ")";
    return r;
}

void SimClient::on_the_wire(const sdk::Call& call, int64_t ms) const {
    if (ms > 0) sdk::host().sleep_ms(ms, call);
}

// An injected timeout on a create or delete happens after the cloud acted: the request got
// through and only the answer was lost, the case idempotency keys and reconciliation exist for.
void SimClient::create(const sdk::Call& call, const sdk::VmSpec& spec, const sdk::VmSink& sink) {
    int64_t latency = prng_.sample_ms(config_.api_latency);
    on_the_wire(call, latency / 2);
    int64_t now = sdk::host().now_ms();
    bool lost = admit(call, Op::create, now);
    CreateLimits limits{config_.max_instances, config_.capacity_limit};
    int64_t boot_ms = prng_.sample_ms(config_.boot);
    SimVm vm = cloud_->create(spec, limits, now, boot_ms, config_.gone_visible_ms);
    if (lost) lose_answer(call, now);
    on_the_wire(call, latency - latency / 2);
    sink.emit(describe(vm, now));
}

void SimClient::get(const sdk::Call& call, std::string_view provider_id, const sdk::VmSink& sink) {
    on_the_wire(call, prng_.sample_ms(config_.api_latency));
    int64_t now = sdk::host().now_ms();
    bool lost = admit(call, Op::read, now);
    std::optional<SimVm> vm = cloud_->get(provider_id, now, config_.gone_visible_ms);
    if (lost) lose_answer(call, now);
    if (!vm) {
        throw ProviderError(
            TP_ERR_NOT_FOUND,
            "sim cloud " + cloud_->name() + " has no VM " + std::string(provider_id), {},
            "InvalidInstanceID.NotFound");
    }
    sink.emit(describe(*vm, now));
}

void SimClient::list(const sdk::Call& call, const sdk::KeyValues& filter, const sdk::VmSink& sink) {
    on_the_wire(call, prng_.sample_ms(config_.api_latency));
    int64_t now = sdk::host().now_ms();
    bool lost = admit(call, Op::read, now);
    std::vector<SimVm> vms = cloud_->list(filter, now, config_.gone_visible_ms);
    if (lost) lose_answer(call, now);
    for (const SimVm& vm : vms) sink.emit(describe(vm, now));
}

void SimClient::remove(const sdk::Call& call, std::string_view provider_id) {
    int64_t latency = prng_.sample_ms(config_.api_latency);
    on_the_wire(call, latency / 2);
    int64_t now = sdk::host().now_ms();
    bool lost = admit(call, Op::remove, now);
    int64_t delete_ms = prng_.sample_ms(config_.removal);
    cloud_->remove(provider_id, now, delete_ms, config_.gone_visible_ms);
    if (lost) lose_answer(call, now);
    on_the_wire(call, latency - latency / 2);
}

}  // namespace tidepool::sim
