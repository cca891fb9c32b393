#include "cloud.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <type_traits>

#include <tidepool/sdk/error.hpp>

namespace tidepool::sim {

namespace {

using sdk::ProviderError;

// A refill computed in floating point may land a hair under a whole token (e.g. 3/s for
// 333.33 ms); this slack keeps "advance by 1/refill, get a token" true.
constexpr double kTokenSlack = 1e-9;
// Likewise a wait of 1.0000000001 ms is a wait of 1 ms, not 2.
constexpr double kWaitSlackMs = 1e-6;

}  // namespace

int64_t TokenBucket::take(const BucketConfig& config, int64_t now_ms) {
    if (!primed_) {
        primed_ = true;
        tokens_ = config.burst;
        updated_ms_ = now_ms;
    }
    if (now_ms > updated_ms_) {  // a clock that moved back refills nothing
        tokens_ += static_cast<double>(now_ms - updated_ms_) * config.refill_per_s / 1000.0;
        updated_ms_ = now_ms;
    }
    tokens_ = std::min(tokens_, config.burst);  // another client may have a smaller burst
    if (tokens_ >= 1.0 - kTokenSlack) {
        tokens_ = std::max(0.0, tokens_ - 1.0);
        return 0;
    }
    double wait_ms = std::ceil((1.0 - tokens_) * 1000.0 / config.refill_per_s - kWaitSlackMs);
    return std::max<int64_t>(1, static_cast<int64_t>(wait_ms));
}

Cloud::Cloud(std::string name, std::string state_file)
    : name_(std::move(name)), state_file_(std::move(state_file)) {
    state_.cloud = name_;
    if (!state_file_.empty()) file_.emplace(state_file_);
}

void Cloud::refresh() {
    if (file_ && file_->refresh(state_)) rebuild_index();
}

void Cloud::rebuild_index() {
    by_key_.clear();
    for (const auto& [number, vm] : state_.vms) {
        if (!vm.idempotency_key.empty()) by_key_[vm.idempotency_key] = number;
    }
}

template <class Fn>
auto Cloud::read(Fn&& fn) {
    std::lock_guard lock(mutex_);
    refresh();
    return fn();
}

template <class Fn>
auto Cloud::write(Fn&& fn) {
    std::lock_guard lock(mutex_);
    std::optional<StateFile::Lock> file_lock;
    if (file_) file_lock.emplace(*file_);
    refresh();
    CloudState before = file_ ? state_ : CloudState();
    dirty_ = false;
    try {
        if constexpr (std::is_void_v<decltype(fn())>) {
            fn();
            if (file_ && dirty_) file_->save(state_);
        } else {
            auto result = fn();
            if (file_ && dirty_) file_->save(state_);
            return result;
        }
    } catch (...) {
        // A change that could not be saved did not happen: memory must not get ahead of the
        // file, or later calls would report VMs that the next restart loses.
        if (file_) {
            state_ = std::move(before);
            rebuild_index();
        }
        throw;
    }
}

void Cloud::load() {
    std::lock_guard lock(mutex_);
    refresh();
}

int64_t Cloud::take_token(Bucket bucket, const BucketConfig& config, int64_t now_ms) {
    std::lock_guard lock(mutex_);
    return (bucket == Bucket::create ? create_bucket_ : read_bucket_).take(config, now_ms);
}

std::optional<uint64_t> Cloud::number_of(std::string_view id) const {
    std::string prefix = "sim-" + name_ + "-";
    if (id.size() <= prefix.size() || id.substr(0, prefix.size()) != prefix) return std::nullopt;
    if (id[prefix.size()] == '0') return std::nullopt;  // "sim-x-07" is not VM 7's id
    uint64_t number = 0;
    for (char c : id.substr(prefix.size())) {
        if (c < '0' || c > '9' || number > (UINT64_MAX - 9) / 10) return std::nullopt;
        number = number * 10 + static_cast<uint64_t>(c - '0');
    }
    return number;
}

void Cloud::forget_gone(int64_t now_ms, int64_t gone_visible_ms) {
    for (auto it = state_.vms.begin(); it != state_.vms.end();) {
        if (!it->second.forgotten_at(now_ms, gone_visible_ms)) {
            ++it;
            continue;
        }
        by_key_.erase(it->second.idempotency_key);
        it = state_.vms.erase(it);
        dirty_ = true;
    }
}

void Cloud::check_limits(const CreateLimits& limits, int64_t now_ms) const {
    int64_t live = 0;
    for (const auto& [number, vm] : state_.vms) live += vm.live_at(now_ms) ? 1 : 0;
    std::string count = std::to_string(live) + " VMs not yet GONE";
    if (limits.capacity_limit && live >= *limits.capacity_limit) {
        throw ProviderError(TP_ERR_CAPACITY,
                            "sim cloud " + name_ + " is out of capacity (capacity_limit " +
                                std::to_string(*limits.capacity_limit) + ", " + count + ")",
                            {}, "InsufficientInstanceCapacity");
    }
    if (live >= limits.max_instances) {
        throw ProviderError(TP_ERR_CAPACITY,
                            "sim cloud " + name_ + ": max_instances " +
                                std::to_string(limits.max_instances) + " reached (" + count + ")",
                            {}, "InstanceLimitExceeded");
    }
}

SimVm Cloud::create(const sdk::VmSpec& spec, const CreateLimits& limits, int64_t now_ms,
                    int64_t boot_ms, int64_t gone_visible_ms) {
    return write([&]() -> SimVm {
        forget_gone(now_ms, gone_visible_ms);
        if (auto it = by_key_.find(spec.idempotency_key);
            !spec.idempotency_key.empty() && it != by_key_.end()) {
            const SimVm& earlier = state_.vms.at(it->second);
            if (earlier.name != spec.name) {
                throw ProviderError(TP_ERR_CONFLICT,
                                    "idempotency key " + spec.idempotency_key + " already made " +
                                        earlier.id + " named " + earlier.name + ", not " +
                                        spec.name,
                                    {}, "IdempotentParameterMismatch");
            }
            return earlier;  // a retry: the same VM, never a second one
        }
        check_limits(limits, now_ms);
        SimVm vm;
        vm.number = state_.next_number++;
        vm.id = "sim-" + name_ + "-" + std::to_string(vm.number);
        vm.name = spec.name;
        vm.idempotency_key = spec.idempotency_key;
        vm.tags = spec.tags;
        vm.os_family = spec.os_family;
        vm.startup_script = spec.startup_script;
        vm.private_ip = private_ip_for(vm.number);
        vm.created_ms = now_ms;
        vm.boot_ms = boot_ms;
        if (!vm.idempotency_key.empty()) by_key_[vm.idempotency_key] = vm.number;
        dirty_ = true;
        return state_.vms[vm.number] = std::move(vm);
    });
}

std::optional<SimVm> Cloud::get(std::string_view id, int64_t now_ms, int64_t gone_visible_ms) {
    return read([&]() -> std::optional<SimVm> {
        auto number = number_of(id);
        auto it = number ? state_.vms.find(*number) : state_.vms.end();
        if (it == state_.vms.end() || it->second.forgotten_at(now_ms, gone_visible_ms)) {
            return std::nullopt;
        }
        return it->second;
    });
}

std::vector<SimVm> Cloud::list(const sdk::KeyValues& filter, int64_t now_ms,
                               int64_t gone_visible_ms) {
    return read([&] {
        std::vector<SimVm> out;
        for (const auto& [number, vm] : state_.vms) {
            if (!vm.forgotten_at(now_ms, gone_visible_ms) && sdk::matches_all(vm.tags, filter)) {
                out.push_back(vm);
            }
        }
        return out;
    });
}

void Cloud::remove(std::string_view id, int64_t now_ms, int64_t delete_ms,
                   int64_t gone_visible_ms) {
    write([&] {
        forget_gone(now_ms, gone_visible_ms);
        auto number = number_of(id);
        auto it = number ? state_.vms.find(*number) : state_.vms.end();
        if (it == state_.vms.end() || it->second.deleting()) return;
        // delete_requested_ms == 0 means "never deleted", so a delete at the epoch (a virtual
        // clock starting at 0) is recorded one millisecond later.
        it->second.delete_requested_ms = std::max<int64_t>(now_ms, 1);
        it->second.delete_ms = delete_ms;
        dirty_ = true;
    });
}

namespace {

// Every cloud of this copy of the plugin. Clients keep their cloud alive through a shared_ptr,
// so forget_clouds() never pulls one from under an open client.
struct Clouds {
    std::mutex mutex;
    std::map<std::string, std::shared_ptr<Cloud>> by_name;
};

Clouds& clouds() {
    static Clouds instance;
    return instance;
}

}  // namespace

void forget_clouds() {
    Clouds& all = clouds();
    std::lock_guard lock(all.mutex);
    all.by_name.clear();
}

std::shared_ptr<Cloud> open_cloud(const std::string& name, const std::string& state_file) {
    Clouds& all = clouds();
    std::lock_guard lock(all.mutex);
    auto& cloud = all.by_name[name];
    if (!cloud) cloud = std::make_shared<Cloud>(name, state_file);
    if (cloud->state_file() != state_file) {
        auto which = [](const std::string& file) {
            return file.empty() ? std::string("no state_file") : "state_file \"" + file + "\"";
        };
        throw ProviderError(TP_ERR_INVALID_CONFIG,
                            "cloud " + name + " is already open with " +
                                which(cloud->state_file()) + ", this config has " +
                                which(state_file) +
                                "; every client of one cloud must name the same file",
                            "/state_file");
    }
    return cloud;
}

}  // namespace tidepool::sim
