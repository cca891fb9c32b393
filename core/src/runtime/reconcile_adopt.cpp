// The second half of reconciliation: VMs no intent explains, and machines whose VM vanished.
#include <boost/asio/post.hpp>

#include "runtime/runtime.h"
#include "runtime/tokens.h"

namespace tidepool::runtime {

namespace asio = boost::asio;

void Runtime::retry_create(const model::JournalEntry& entry, const model::Server& server) {
    auto config = store_.get_autoscale_config(entry.config_id);
    if (!config.ok()) {
        (void)store_.journal_fail(entry.seq, "autoscale config removed", now());
        model::Server s = server;
        s.state = model::MachineState::gone;
        (void)save_server(s);
        count_outcome(Outcome::intent_rolled_back,
                      entry.unique_name + ": its autoscale config was removed");
        return;
    }
    // The same token the first attempt rendered (derived from the intent's idempotency key):
    // if that attempt's machine did start, it carries this token and can still check in.
    std::string token = service_tokens_.checkin_token_for(entry.idempotency_key);
    model::Server s = server;
    if (config->require_checkin) {
        s.checkin_token_hash = sha256_hex(token);
        s.checkin_expires_at = now() + std::chrono::seconds(config->checkin_timeout_s);
    }
    (void)save_server(s);
    count_outcome(Outcome::intent_finished, "create of " + entry.unique_name);
    launch_create(config.value(), s, entry, token);
}

void Runtime::roll_back_create(const model::JournalEntry& entry, const model::Server& server) {
    // Retrying would start a machine only for the planner to delete it once it is up (starting
    // machines are never chosen for removal), and after a crash during a scale-in that is
    // hundreds of them. If the first attempt did reach the provider, its VM carries this
    // machine's tag: the next listing finds no live machine for it and deletes it as an orphan.
    model::Server s = server;
    s.state = model::MachineState::gone;
    s.state_changed_at = now();
    auto written = store_.transaction([&]() -> Result<void> {
        if (auto r = save_server(s); !r.ok()) return r;
        return store_.journal_fail(entry.seq, "cancelled: the plan no longer wants the machine",
                                   now());
    });
    if (!written.ok()) {
        log("error", "reconcile: cannot roll back the create of " + entry.unique_name + ": " +
                         written.error().message);
        return;
    }
    count_outcome(Outcome::intent_rolled_back,
                  entry.unique_name + ": the plan no longer wants the machine");
}

void Runtime::adopt_or_delete(const model::Id& provider_config_id,
                              const std::vector<VmRecord>& vms,
                              const std::set<model::Id>& pending,
                              const KnownVms& known_before) {
    std::set<std::string> listed;
    for (const auto& vm : vms) {
        // A VM the provider reports gone counts as vanished below (and is cleaned up there).
        if (vm.state == VmState::gone) continue;
        listed.insert(vm.provider_id);
        auto tag = vm.tags.find(kTagMachine);
        std::string machine = tag == vm.tags.end() ? "" : tag->second;
        if (pending.count(machine) || busy_machines_.count(machine)) continue;
        auto server = store_.get_server(machine);
        if (server.ok() && server->state != model::MachineState::gone) {
            if (server->provider_id.empty())
                count_outcome(Outcome::adopted, vm.name + " (" + vm.provider_id + ")");
            settle_known_vm(server.value(), vm);
            continue;
        }
        delete_orphan_after_grace(provider_config_id, vm);
    }
    mark_vanished(provider_config_id, listed, known_before);
}

void Runtime::delete_orphan_after_grace(const model::Id& provider_config_id, const VmRecord& vm) {
    auto [it, fresh] = orphan_first_seen_.try_emplace(vm.provider_id, now());
    if (now() - it->second < options_.orphan_grace) {
        if (fresh) log("warn", "reconcile: " + vm.name + " (" + vm.provider_id +
                                   ") carries our tags but no machine owns it; deleting it " +
                                   "after the grace period");
        return;
    }
    orphan_first_seen_.erase(it);
    count_outcome(Outcome::orphan_deleted, vm.name + " (" + vm.provider_id + ")");
    auto call = call_options(options_.provider_call_timeout);
    offload([this, provider_config_id, call, pid = vm.provider_id] {
                return providers_.delete_vm(provider_config_id, pid, call);
            },
            [this, pid = vm.provider_id](Result<void> r) {
                if (!r.ok()) log("warn", "reconcile: orphan " + pid + ": " + r.error().message);
            });
}

void Runtime::mark_vanished(const model::Id& provider_config_id,
                            const std::set<std::string>& listed, const KnownVms& known_before) {
    for (const auto& [machine, provider_id] : known_before) {
        if (busy_machines_.count(machine) || listed.count(provider_id)) continue;
        auto server = store_.get_server(machine);
        // Settled again since the listing was asked for (a retried create, a delete): the
        // listing is too old to say anything about it.
        if (!server.ok() || server->state == model::MachineState::gone ||
            server->provider_id != provider_id)
            continue;
        model::Server s = server.value();
        s.state = model::MachineState::gone;
        s.state_changed_at = now();
        (void)save_server(s);
        deregister_dns(s);
        end_sessions_on(s.id, "the machine " + s.name + " vanished from its provider");
        count_outcome(Outcome::vanished, s.name + ": it vanished from its provider; marked gone");
        // Clean up whatever record the provider still keeps (deleting is idempotent).
        auto call = call_options(options_.provider_call_timeout);
        offload([this, provider_config_id, call, pid = s.provider_id] {
                    return providers_.delete_vm(provider_config_id, pid, call);
                },
                [](Result<void>) {});
    }
}

}  // namespace tidepool::runtime
