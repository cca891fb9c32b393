// An in-memory ProviderGateway for runtime tests: records every call, can be told to fail, and
// keeps VMs the way a cloud would (by provider id, with tags, idempotent by key).
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <string>
#include <vector>

#include "runtime/provider_gateway.h"

namespace tidepool::test {

class FakeGateway : public runtime::ProviderGateway {
public:
    struct Vm {
        runtime::VmRecord record;
        std::string idempotency_key;
        std::string startup_script;
    };

    Result<runtime::VmRecord> create_vm(const model::Id&, const runtime::CreateVmRequest& r,
                                        const runtime::CallOptions&) override {
        std::lock_guard lock(mu_);
        ++creates;
        if (fail_creates_with) return *fail_creates_with;
        for (auto& [id, vm] : vms)
            if (vm.idempotency_key == r.idempotency_key) return vm.record;  // de-duplicated
        runtime::VmRecord rec{"i-" + std::to_string(++next_id_), r.name, create_state, "10.0.0." +
                              std::to_string(next_id_), "", "", r.tags};
        vms[rec.provider_id] = Vm{rec, r.idempotency_key, r.startup_script};
        if (lose_create_answers_with) return *lose_create_answers_with;  // acted, answer lost
        return rec;
    }
    Result<runtime::VmRecord> get_vm(const model::Id&, const std::string& id,
                                     const runtime::CallOptions&) override {
        std::lock_guard lock(mu_);
        auto it = vms.find(id);
        if (it == vms.end()) return make_error(ErrorCode::not_found, "no vm " + id);
        return it->second.record;
    }
    Result<std::vector<runtime::VmRecord>> list_vms(const model::Id&, const runtime::Tags& filter,
                                                    const runtime::CallOptions&) override {
        std::unique_lock lock(mu_);
        ++lists;
        std::vector<runtime::VmRecord> out;
        for (const auto& [id, vm] : vms) {
            bool match = true;
            for (const auto& [k, v] : filter) {
                auto t = vm.record.tags.find(k);
                match = match && t != vm.record.tags.end() && t->second == v;
            }
            if (match && !listing_lags) out.push_back(vm.record);
        }
        lock.unlock();
        if (while_listing) while_listing();  // the answer is on the wire: the world moves on
        return out;
    }
    Result<void> delete_vm(const model::Id&, const std::string& id,
                           const runtime::CallOptions&) override {
        std::lock_guard lock(mu_);
        ++deletes;
        vms.erase(id);
        return {};
    }
    Result<std::vector<runtime::MachineSecret>> get_credentials(
        const model::Id&, const std::string& id, const runtime::CallOptions&) override {
        std::lock_guard lock(mu_);
        ++credential_calls;
        if (fail_credentials_with) return *fail_credentials_with;
        if (!vms.count(id)) return make_error(ErrorCode::not_found, "no vm " + id);
        return std::vector<runtime::MachineSecret>{{"password", "Administrator", "pw-" + id}};
    }
    Result<void> upsert_dns(const model::Id&, const runtime::DnsRecord& r,
                            const runtime::CallOptions&) override {
        std::this_thread::sleep_for(upsert_dns_latency);  // lets a later delete try to overtake
        std::lock_guard lock(mu_);
        if (fail_dns_with) return *fail_dns_with;
        records[r.name] = r.value;
        return {};
    }
    Result<void> delete_dns(const model::Id&, const runtime::DnsRecord& r,
                            const runtime::CallOptions&) override {
        std::lock_guard lock(mu_);
        if (fail_dns_with) return *fail_dns_with;
        records.erase(r.name);
        return {};
    }
    Result<void> validate_provider_config(const model::ProviderConfig&,
                                          const std::string&) override {
        return {};
    }
    model::ProviderConfig redacted(const model::ProviderConfig& c) override { return c; }
    void invalidate(const model::Id&) override {}

    // Test controls and observations (lock before touching from the test thread).
    void set_all_running() {
        std::lock_guard lock(mu_);
        for (auto& [id, vm] : vms) vm.record.state = runtime::VmState::running;
    }
    size_t vm_count() {
        std::lock_guard lock(mu_);
        return vms.size();
    }
    std::vector<Vm> snapshot() {
        std::lock_guard lock(mu_);
        std::vector<Vm> out;
        for (const auto& [id, vm] : vms) out.push_back(vm);
        return out;
    }

    std::mutex mu_;
    std::map<std::string, Vm> vms;
    std::optional<Error> fail_creates_with;
    std::optional<Error> lose_create_answers_with;  // the cloud creates, the caller hears this
    bool listing_lags = false;  // list_vms does not show VMs yet (eventual consistency)
    std::map<std::string, std::string> records;  // DNS name -> value
    std::optional<Error> fail_dns_with, fail_credentials_with;
    std::function<void()> while_listing;  // runs on the worker after list_vms has its answer
    std::chrono::milliseconds upsert_dns_latency{0};
    int credential_calls = 0;
    runtime::VmState create_state = runtime::VmState::pending;
    int creates = 0, lists = 0, deletes = 0;

private:
    int next_id_ = 0;
};

}  // namespace tidepool::test
