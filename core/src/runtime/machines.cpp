// Machine lifecycle: starting → running (check-in when required) → draining → deleting → gone,
// plus failed. A server that never checks in is failed, destroyed and replaced.
#include <boost/asio/post.hpp>

#include "runtime/runtime.h"
#include "runtime/tokens.h"

namespace tidepool::runtime {

namespace asio = boost::asio;

namespace {

bool has_placed_sessions(store::Store& store, const model::Id& server_id) {
    auto placed = store.list_sessions({std::nullopt, server_id, std::nullopt,
                                       {model::SessionState::placed}});
    return placed.ok() && !placed->empty();
}

}  // namespace

void Runtime::mark_running(model::Server server) {
    server.state = model::MachineState::running;
    server.checkin_token_hash.clear();  // single use
    auto booted = static_cast<double>((now() - server.created_at).count());
    auto& avg = boot_seconds_[server.config_id];
    avg = avg == 0 ? booted : 0.7 * avg + 0.3 * booted;  // smooth, but follow drift
    server.state_changed_at = now();
    (void)save_server(server);
    log("info", "server " + server.name + " is running at " + server.address);
    publish_machine(EventKind::machine_ready, server, "running at " + server.address);
    register_dns(server);
    fetch_machine_password(server);
}

Result<model::Server> Runtime::check_in(const std::string& token, const std::string& status,
                                        const std::string& address) {
    if (token.empty())
        return make_error(ErrorCode::unauthenticated, "the token query parameter is required");
    auto found = store_.find_server_by_token_hash(sha256_hex(token));
    if (!found.ok() || found->state != model::MachineState::starting)
        return make_error(ErrorCode::unauthenticated,
                          "unknown, used or expired check-in token");
    model::Server s = found.value();
    if (now() >= s.checkin_expires_at)
        return make_error(ErrorCode::unauthenticated, "check-in token expired");
    if (status != "running")
        return make_error(ErrorCode::invalid,
                          "\"status\": \"" + status + "\" is not allowed; use \"running\"",
                          "/status");
    if (!address.empty()) s.address = address;
    mark_running(s);
    return store_.get_server(s.id);
}

Result<model::Server> Runtime::set_draining(const model::Id& server_id, bool draining) {
    auto found = store_.get_server(server_id);
    if (!found.ok()) return found.error();
    model::Server s = found.value();
    auto from = draining ? model::MachineState::running : model::MachineState::draining;
    auto to = draining ? model::MachineState::draining : model::MachineState::running;
    if (s.state == to) return s;
    if (s.state != from)
        return make_error(ErrorCode::conflict, "server " + s.id + " is " +
                                                   std::string(draining ? "not running" :
                                                                          "not draining"));
    s.state = to;
    s.state_changed_at = now();
    if (auto r = save_server(s); !r.ok()) return r.error();
    publish_machine(draining ? EventKind::machine_draining : EventKind::machine_ready, s,
                    draining ? "draining" : "undrained");
    return s;
}

// Runs after planning, so a drained server the plan took back (demand returned) stays.
void Runtime::remove_drained(const model::Pool& pool) {
    auto servers = store_.list_servers({pool.id, std::nullopt, {model::MachineState::draining}});
    if (!servers.ok()) return;
    for (const auto& s : servers.value())
        if (!busy_machines_.count(s.id) && !has_placed_sessions(store_, s.id))
            remove_server(s, "drained and empty");
}

void Runtime::watch_starting(const model::Pool& pool) {
    auto servers = store_.list_servers({pool.id, std::nullopt,
                                        {model::MachineState::starting,
                                         model::MachineState::failed}});
    if (!servers.ok()) return;
    for (auto s : servers.value()) {
        if (busy_machines_.count(s.id)) continue;
        if (s.state == model::MachineState::failed) {
            retire_failed(s);
        } else {
            watch_one_starting(s);
        }
    }
}

void Runtime::retire_failed(model::Server s) {
    if (!s.provider_id.empty()) {
        remove_server(s, "failed");
        return;
    }
    s.state = model::MachineState::gone;
    s.state_changed_at = now();
    (void)save_server(s);
    publish_machine(EventKind::machine_removed, s, "failed before the provider created it");
}

void Runtime::watch_one_starting(model::Server s) {
    auto config = store_.get_autoscale_config(s.config_id);
    if (!config.ok()) return;
    if (config->require_checkin) {
        if (now() < s.checkin_expires_at) return;
        fail_after_boot(s, "no check-in within " + std::to_string(config->checkin_timeout_s) +
                               " s");
        return;
    }
    if (s.provider_id.empty()) return;  // the create is still journalled as an intent
    busy_machines_.insert(s.id);
    auto call = call_options(std::chrono::seconds(30));
    offload([this, call, provider = config->vm_provider_id, pid = s.provider_id] {
                return providers_.get_vm(provider, pid, call);
            },
            [this, id = s.id](Result<VmRecord> vm) {
                busy_machines_.erase(id);
                auto fresh = store_.get_server(id);
                if (!vm.ok() || !fresh.ok() || fresh->state != model::MachineState::starting)
                    return;
                if (vm->state == VmState::failed || vm->state == VmState::gone) {
                    fail_after_boot(fresh.value(), "its provider reports it " +
                                                       std::string(vm->state == VmState::failed
                                                                       ? "failed"
                                                                       : "gone"));
                    return;
                }
                if (vm->state != VmState::running) return;
                model::Server up = fresh.value();
                if (up.address.empty()) up.address = vm->private_ip;
                mark_running(up);
            });
}

void Runtime::fail_after_boot(model::Server s, const std::string& why) {
    // The create succeeded but the machine never became usable (no check-in in time, its
    // startup script failed, the provider lost it while booting): delete it now rather than
    // leave a half-made machine holding quota; the planner orders a replacement.
    log("warn", "server " + s.name + " failed after it was created (" + why + "); deleting it");
    s.state = model::MachineState::failed;
    s.state_changed_at = now();
    (void)save_server(s);
    publish_machine(EventKind::machine_failed, s, why);
    retire_failed(s);
}

}  // namespace tidepool::runtime
