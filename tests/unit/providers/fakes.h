// Test doubles for the resilience layer: a virtual clock whose sleeps only move time forward,
// and an inner gateway that answers from a per-config script of errors.
#pragma once

#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "providers/resilient_gateway.h"

namespace tidepool::test {

class FakeClock : public providers::ResilienceClock {
public:
    TimePoint now() override {
        std::lock_guard lock(mu_);
        return now_;
    }
    // Virtual sleeps finish at once; a cancelled one ends without moving time.
    bool sleep_until(TimePoint when, const Cancellation& cancel) override {
        if (cancel.cancelled()) return true;
        std::lock_guard lock(mu_);
        if (when > now_) {
            slept_ += when - now_;
            now_ = when;
        }
        return false;
    }
    void advance(std::chrono::milliseconds by) {
        std::lock_guard lock(mu_);
        now_ += by;
    }
    std::chrono::milliseconds slept() {
        std::lock_guard lock(mu_);
        return std::chrono::duration_cast<std::chrono::milliseconds>(slept_);
    }

private:
    std::mutex mu_;
    TimePoint now_ = TimePoint{} + std::chrono::hours(24 * 365 * 50);
    std::chrono::system_clock::duration slept_{};
};

// Each call pops the next scripted outcome for its config (an error, or nothing for success);
// an empty script means success. Records when every attempt started.
class ScriptedGateway : public runtime::ProviderGateway {
public:
    explicit ScriptedGateway(FakeClock& clock) : clock_(clock) {}

    void script(const model::Id& config, std::vector<std::optional<Error>> outcomes) {
        std::lock_guard lock(mu_);
        for (auto& o : outcomes) scripts_[config].push_back(std::move(o));
    }
    void fail_always(const model::Id& config, ErrorCode code) {
        std::lock_guard lock(mu_);
        always_[config] = code;
    }
    int calls(const model::Id& config) {
        std::lock_guard lock(mu_);
        return static_cast<int>(starts_[config].size());
    }
    std::vector<FakeClock::TimePoint> starts(const model::Id& config) {
        std::lock_guard lock(mu_);
        return starts_[config];
    }

    Result<runtime::VmRecord> create_vm(const model::Id& c, const runtime::CreateVmRequest& r,
                                        const runtime::CallOptions&) override {
        if (auto e = next(c)) return *e;
        return runtime::VmRecord{"i-1", r.name, runtime::VmState::pending, "", "", "", r.tags};
    }
    Result<runtime::VmRecord> get_vm(const model::Id& c, const std::string& id,
                                     const runtime::CallOptions&) override {
        if (auto e = next(c)) return *e;
        return runtime::VmRecord{id, "vm", runtime::VmState::running, "", "", "", {}};
    }
    Result<std::vector<runtime::VmRecord>> list_vms(const model::Id& c, const runtime::Tags&,
                                                    const runtime::CallOptions&) override {
        if (auto e = next(c)) return *e;
        return std::vector<runtime::VmRecord>{};
    }
    Result<void> delete_vm(const model::Id& c, const std::string&,
                           const runtime::CallOptions&) override {
        if (auto e = next(c)) return *e;
        return {};
    }
    Result<void> validate_provider_config(const model::ProviderConfig&,
                                          const std::string&) override {
        return {};
    }
    model::ProviderConfig redacted(const model::ProviderConfig& c) override { return c; }
    void invalidate(const model::Id&) override {}

private:
    std::optional<Error> next(const model::Id& c) {
        std::lock_guard lock(mu_);
        starts_[c].push_back(clock_.now());
        if (auto it = always_.find(c); it != always_.end())
            return make_error(it->second, "scripted failure");
        auto& q = scripts_[c];
        if (q.empty()) return std::nullopt;
        auto out = q.front();
        q.pop_front();
        return out;
    }

    FakeClock& clock_;
    std::mutex mu_;
    std::map<model::Id, std::deque<std::optional<Error>>> scripts_;
    std::map<model::Id, ErrorCode> always_;
    std::map<model::Id, std::vector<FakeClock::TimePoint>> starts_;
};

}  // namespace tidepool::test
