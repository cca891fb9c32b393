// Reconciliation: list every provider config by this installation's tag and make the store,
// the journal and the provider agree. Runs at start (a crash may have cut anything off) and
// every few ticks (someone may have deleted a VM by hand). Rules:
//   - a VM the store knows          → adopt it (settle its intent, record its id and address);
//   - an unsettled create intent    → if its VM is listed, adopt; else, if the pool's plan still
//                                     wants the machine, retry the create with the same name and
//                                     idempotency key (the provider de-duplicates), and if not
//                                     (scaled in meanwhile), roll it back: the machine is gone and
//                                     a VM the first attempt made is an orphan once listed;
//   - an unsettled delete intent    → retry the delete (idempotent);
//   - a tagged VM nobody owns       → delete it once older than the grace period;
//   - a known VM that vanished      → mark the machine gone.
#include <boost/asio/post.hpp>

#include <set>

#include "runtime/runtime.h"

namespace tidepool::runtime {

namespace asio = boost::asio;

namespace {

model::MachineState state_after_listing(const model::Server& s, const VmRecord& vm,
                                        bool require_checkin) {
    if (s.state != model::MachineState::starting) return s.state;
    if (vm.state == VmState::running && !require_checkin) return model::MachineState::running;
    if (vm.state == VmState::failed || vm.state == VmState::gone)
        return model::MachineState::failed;
    return s.state;
}

}  // namespace

void Runtime::settle_known_vm(const model::Server& server, const VmRecord& vm) {
    model::Server s = server;
    s.provider_id = vm.provider_id;
    if (s.address.empty())
        s.address = !vm.private_ip.empty() ? vm.private_ip
                    : !vm.hostname.empty() ? vm.hostname
                                           : vm.public_ip;
    bool require_checkin = false;
    if (auto config = store_.get_autoscale_config(s.config_id); config.ok())
        require_checkin = config->require_checkin;
    auto next = state_after_listing(s, vm, require_checkin);
    if (next != s.state) {
        s.state = next;
        s.state_changed_at = now();
    }
    (void)save_server(s);
}

void Runtime::count_outcome(Outcome outcome, const std::string& what) {
    struct Row {
        const char* label;
        std::atomic<std::int64_t>& counter;
    };
    Row row = [&]() -> Row {
        switch (outcome) {
            case Outcome::adopted: return {"adopted", counts_.adopted};
            case Outcome::orphan_deleted: return {"orphan_deleted", counts_.orphans_deleted};
            case Outcome::intent_finished: return {"intent_finished", counts_.intents_finished};
            case Outcome::intent_rolled_back:
                return {"intent_rolled_back", counts_.intents_rolled_back};
            case Outcome::vanished: break;
        }
        return {"vanished", counts_.vanished};
    }();
    ++row.counter;
    // Deleting a VM nobody owns and losing one are worth an operator's look; the rest is
    // routine repair after a restart.
    bool notable = outcome == Outcome::orphan_deleted || outcome == Outcome::vanished;
    log(notable ? "warn" : "info", std::string("reconcile: ") + row.label + " " + what);
}

ReconcileCounts Runtime::reconcile_counts() const {
    return ReconcileCounts{counts_.adopted.load(),          counts_.orphans_deleted.load(),
                           counts_.intents_finished.load(), counts_.intents_rolled_back.load(),
                           counts_.vanished.load(),         counts_.last_run.load()};
}

Runtime::KnownVms Runtime::known_vms(const model::Id& provider_config_id) {
    KnownVms known;
    auto servers = store_.list_servers();
    if (!servers.ok()) return known;
    std::map<model::Id, bool> on_provider;  // config id → uses this provider config
    for (const auto& s : servers.value()) {
        if (s.provider_id.empty() || s.state == model::MachineState::gone) continue;
        auto [it, fresh] = on_provider.try_emplace(s.config_id, false);
        if (fresh) {
            auto config = store_.get_autoscale_config(s.config_id);
            it->second = config.ok() && config->vm_provider_id == provider_config_id;
        }
        if (it->second) known.emplace(s.id, s.provider_id);
    }
    return known;
}

void Runtime::reconcile() {
    auto providers = store_.list_provider_configs();
    if (!providers.ok()) return;
    Tags filter{{kTagInstallation, installation_id_}};
    for (const auto& provider : providers.value()) {
        if (provider.kind != model::ProviderKind::vm) continue;
        auto call = call_options(options_.provider_call_timeout);
        ++listings_pending_;
        offload([this, id = provider.id, filter, call] { return providers_.list_vms(id, filter, call); },
                [this, id = provider.id, known = known_vms(provider.id)](
                    Result<std::vector<VmRecord>> listed) {
                    if (!listed.ok())
                        log("warn", "reconcile: cannot list provider " + id + ": " +
                                        listed.error().message);
                    else
                        reconcile_provider(id, std::move(listed.value()), known);
                    // Counted once the answer is settled in the store, failed or not.
                    if (--listings_pending_ == 0) reconciled_once_ = true;
                });
    }
    // With no VM provider there is nothing to wait for.
    if (listings_pending_ == 0) reconciled_once_ = true;
    reconcile_dns();
    counts_.last_run = now();
}

void Runtime::reconcile_create_intent(const model::JournalEntry& entry,
                                      const Result<model::Server>& server, const VmRecord* vm) {
    if (!server.ok()) {
        (void)store_.journal_fail(entry.seq, "machine row missing", now());
        count_outcome(Outcome::intent_rolled_back, entry.unique_name + ": its machine row is missing");
        return;
    }
    // A machine given up while its create was unsettled (it missed its check-in while the
    // daemon was down, say) must not be created again; a VM the create did make is deleted.
    bool given_up = server->state == model::MachineState::gone ||
                    server->state == model::MachineState::failed;
    if (vm == nullptr && given_up) {
        (void)store_.journal_fail(entry.seq, "the machine was given up before its create finished",
                                  now());
        count_outcome(Outcome::intent_rolled_back,
                      entry.unique_name + ": the machine was given up before its create finished");
        return;
    }
    if (vm == nullptr) {
        if (plan_still_wants(server.value()))
            retry_create(entry, server.value());
        else
            roll_back_create(entry, server.value());
        return;
    }
    (void)store_.journal_settle(entry.seq, vm->provider_id, now());
    count_outcome(Outcome::adopted, entry.unique_name + " (" + vm->provider_id +
                                        "): its interrupted create had made it");
    if (!given_up) {
        settle_known_vm(server.value(), *vm);
        return;
    }
    model::Server s = server.value();
    s.provider_id = vm->provider_id;
    fail_after_boot(s, "it was given up before its create finished");
}

void Runtime::reconcile_provider(const model::Id& provider_config_id, std::vector<VmRecord> vms,
                                 const KnownVms& known_before) {
    std::map<std::string, const VmRecord*> by_machine;
    for (const auto& vm : vms) {
        auto it = vm.tags.find(kTagMachine);
        if (it != vm.tags.end()) by_machine[it->second] = &vm;
    }
    auto journal = store_.list_journal({model::JournalState::intent});
    if (!journal.ok()) log("error", "reconcile: cannot read the journal: " + journal.error().message);
    std::set<model::Id> pending;  // machines whose intent is handled below
    if (journal.ok()) {
        for (const auto& entry : journal.value()) {
            if (entry.provider_config_id != provider_config_id) continue;
            if (busy_machines_.count(entry.machine_id)) continue;  // still in flight here
            pending.insert(entry.machine_id);
            auto server = store_.get_server(entry.machine_id);
            auto vm = by_machine.find(entry.machine_id);
            if (entry.op == model::JournalOp::create_vm) {
                reconcile_create_intent(entry, server,
                                        vm == by_machine.end() ? nullptr : vm->second);
            } else if (entry.op == model::JournalOp::delete_vm && server.ok()) {
                model::Server s = server.value();
                if (vm != by_machine.end()) s.provider_id = vm->second->provider_id;
                count_outcome(Outcome::intent_finished, "delete of " + entry.unique_name);
                launch_delete(provider_config_id, s, entry.seq);
            }
        }
    }
    adopt_or_delete(provider_config_id, vms, pending, known_before);
}

}  // namespace tidepool::runtime
