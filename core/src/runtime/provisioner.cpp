// Creating and deleting machines. Every provider action is written to the journal (intent with
// the unique name and idempotency key) in the same transaction as the machine row, *before*
// the provider is called, and settled after; reconciliation finishes whatever a crash cut off.
#include <boost/asio/post.hpp>

#include "placement/agent_choice.h"
#include "runtime/runtime.h"
#include "runtime/startup_script.h"
#include "runtime/tokens.h"

namespace tidepool::runtime {

namespace asio = boost::asio;

namespace {

std::string tags_json(const Tags& tags) {
    std::string out = "{";
    for (const auto& [k, v] : tags) {
        if (out.size() > 1) out += ",";
        out += "\"" + k + "\":\"" + v + "\"";  // keys and values are generated ids: no escaping
    }
    return out + "}";
}

model::Server new_server(const model::AutoScaleConfig& config, const std::string& installation,
                         model::Instant now, const std::string& token) {
    model::Server s;
    s.id = new_id("srv");
    s.pool_id = config.pool_id;
    s.config_id = config.id;
    // Unique across installations and restarts: the provider sees this as the VM's name.
    s.name = "tp-" + installation + "-" + s.id.substr(4);
    s.state = model::MachineState::starting;
    s.max_sessions = config.max_sessions_per_server;
    s.max_users = config.max_users_per_server;
    // Agent pools: what the new agent offers, the override winning over the instance type
    // (oversubscription allowed), so the planner counts it from the moment it is ordered.
    const placement::Amounts offered = placement::new_agent_capacity(config);
    s.cores = offered.cores;
    s.gpus = offered.gpus;
    s.memory_gib = offered.memory_gib;
    s.created_at = now;
    s.state_changed_at = now;
    if (config.require_checkin) {
        s.checkin_token_hash = sha256_hex(token);
        s.checkin_expires_at = now + std::chrono::seconds(config.checkin_timeout_s);
    }
    return s;
}

}  // namespace

void Runtime::order_servers(const model::AutoScaleConfig& config, int count) {
    for (int i = 0; i < count; ++i) {
        const std::string idempotency_key = new_id("idem");
        const std::string token = service_tokens_.checkin_token_for(idempotency_key);
        model::Server server = new_server(config, installation_id_, now(), token);
        model::JournalEntry entry;
        entry.op = model::JournalOp::create_vm;
        entry.config_id = config.id;
        entry.provider_config_id = config.vm_provider_id;
        entry.machine_id = server.id;
        entry.unique_name = server.name;
        entry.idempotency_key = idempotency_key;
        entry.tags_json = tags_json(tags_for(config, server));
        entry.created_at = now();
        auto written = store_.transaction([&]() -> Result<void> {
            if (auto r = save_server(server); !r.ok()) return r;
            auto seq = store_.journal_intent(entry);
            if (!seq.ok()) return seq.error();
            entry.seq = seq.value();
            return {};
        });
        if (!written.ok()) {
            log("error", "cannot journal a new server for config " + config.id + ": " +
                             written.error().message);
            return;
        }
        (void)store_.set_meta("last_scale_up:" + config.id,
                              std::to_string(model::to_unix(now())));
        publish_machine(EventKind::machine_ordered, server, "ordered from config " + config.id);
        launch_create(config, server, entry, token);
    }
}

Result<std::string> Runtime::render_startup(const model::AutoScaleConfig& config,
                                            const model::Server& server,
                                            const std::string& token) {
    std::string upstream;
    if (!config.zone_id.empty()) {
        if (auto zone = store_.get_zone(config.zone_id); zone.ok())
            upstream = zone->upstream_auth_address;
    }
    auto connection = clear_connection(config);
    if (!connection.ok()) return connection.error();
    // Only static credentials are the config's to hand out; other types have none to give.
    const bool is_static =
        connection->credential_type == model::CredentialType::static_credentials;
    TemplateVars vars{{"checkin_token", token},
                      {"checkin_url", options_.api_url + "/api/set_server_status?token=" + token},
                      {"api_url", options_.api_url},
                      {"upstream_auth_address", upstream},
                      {"server_id", server.id},
                      {"server_name", server.name},
                      {"config_id", config.id},
                      {"pool_id", config.pool_id},
                      {"connection_username", is_static ? connection->username : ""},
                      {"connection_password", is_static ? connection->password : ""},
                      {"nginx_cert", connection->nginx_cert},
                      {"nginx_key", connection->nginx_key},
                      {"service_token", service_tokens_.token_for(server.id)},
                      {"guest_accounts_url", options_.api_url + "/api/guest/accounts"},
                      {"ad_join_credential", ""},
                      {"domain", ""}};
    return render_template(config.startup_script, vars, script_language_for(config.os_family),
                           "/startup_script");
}

void Runtime::launch_create(const model::AutoScaleConfig& config, const model::Server& server,
                            const model::JournalEntry& entry, const std::string& token) {
    auto script = render_startup(config, server, token);
    if (!script.ok()) {
        finish_create(entry.seq, server.id, script.error());
        return;
    }
    CreateVmRequest request{entry.unique_name, entry.idempotency_key, tags_for(config, server),
                            script.value(), config.os_family};
    busy_machines_.insert(server.id);
    auto call = call_options(options_.provider_call_timeout);
    offload([this, request, call, provider = config.vm_provider_id] {
                return providers_.create_vm(provider, request, call);
            },
            [this, seq = entry.seq, id = server.id](Result<VmRecord> result) {
                finish_create(seq, id, std::move(result));
            });
}

void Runtime::finish_create(std::int64_t seq, const model::Id& server_id,
                            Result<VmRecord> result) {
    busy_machines_.erase(server_id);
    auto server = store_.get_server(server_id);
    if (!server.ok()) return;
    model::Server s = server.value();
    if (!result.ok() && result.error().code == ErrorCode::cancelled) {
        // Cut off by stop(): whether the provider acted is unknown, so the intent stays
        // unsettled and the next start's reconciliation adopts the VM or finishes the create.
        log("info", "creating " + s.name + " was cut off by shutdown; reconciliation will finish it");
        return;
    }
    if (!result.ok()) {
        (void)store_.journal_fail(seq, result.error().message, now());
        block_config_after_failure(s.config_id, result.error());
        s.state = model::MachineState::failed;
        s.state_changed_at = now();
        (void)save_server(s);
        log("warn", "creating " + s.name + " failed: " + result.error().message);
        publish_machine(EventKind::machine_failed, s, result.error().message);
        return;
    }
    failed_creates_.erase(s.config_id);
    const VmRecord& vm = result.value();
    (void)store_.transaction([&]() -> Result<void> {
        if (auto r = store_.journal_settle(seq, vm.provider_id, now()); !r.ok()) return r;
        settle_known_vm(s, vm);
        return {};
    });
    log("info", "created " + s.name + " as " + vm.provider_id);
}

void Runtime::block_config_after_failure(const model::Id& config_id, const Error& error) {
    // Out of capacity: spill over to the next config for a while. Any other failure (a bad
    // config, denied credentials, an outage) backs off exponentially, so a broken provider
    // config costs one attempt every few minutes instead of one per tick.
    if (error.code == ErrorCode::capacity) {
        capacity_blocked_until_[config_id] = now() + options_.capacity_block;
        return;
    }
    int failures = ++failed_creates_[config_id];
    auto delay = std::chrono::seconds(std::min<long>(300, 5L << std::min(failures - 1, 6)));
    // A provider that said when to come back is not asked sooner.
    delay = std::max(delay, std::chrono::ceil<std::chrono::seconds>(
                                std::chrono::milliseconds(error.retry_after_ms)));
    capacity_blocked_until_[config_id] = now() + delay;
    log("warn", "config " + config_id + ": provider failed " + std::to_string(failures) +
                    " time(s) in a row; next attempt in " + std::to_string(delay.count()) + " s");
}

void Runtime::remove_server(const model::Server& server, const std::string& why) {
    if (busy_machines_.count(server.id)) return;
    model::Server s = server;
    s.state = model::MachineState::deleting;
    s.state_changed_at = now();
    auto config = store_.get_autoscale_config(s.config_id);
    if (!config.ok()) return;  // hand-assigned or orphaned rows are not ours to delete
    model::JournalEntry entry;
    entry.op = model::JournalOp::delete_vm;
    entry.config_id = s.config_id;
    entry.provider_config_id = config->vm_provider_id;
    entry.machine_id = s.id;
    entry.unique_name = s.name;
    entry.idempotency_key = new_id("idem");
    entry.provider_id = s.provider_id;
    entry.created_at = now();
    auto written = store_.transaction([&]() -> Result<void> {
        if (auto r = save_server(s); !r.ok()) return r;
        auto seq = store_.journal_intent(entry);
        if (!seq.ok()) return seq.error();
        entry.seq = seq.value();
        return {};
    });
    if (!written.ok()) return;
    log("info", "removing " + s.name + ": " + why);
    deregister_dns(s);
    launch_delete(config->vm_provider_id, s, entry.seq);
}

void Runtime::launch_delete(const model::Id& provider_config_id, const model::Server& server,
                            std::int64_t seq) {
    busy_machines_.insert(server.id);
    auto call = call_options(options_.provider_call_timeout);
    offload([this, provider_config_id, call, pid = server.provider_id]() -> Result<void> {
                if (pid.empty()) return {};  // the create never got as far as an id
                return providers_.delete_vm(provider_config_id, pid, call);
            },
            [this, seq, id = server.id](Result<void> result) { finish_delete(seq, id, result); });
}

void Runtime::finish_delete(std::int64_t seq, const model::Id& server_id, Result<void> result) {
    busy_machines_.erase(server_id);
    if (!result.ok()) {
        // Left as an intent in state deleting: the next reconcile retries the delete.
        log("warn", "deleting " + server_id + " failed: " + result.error().message);
        return;
    }
    std::optional<model::Server> removed;
    (void)store_.transaction([&]() -> Result<void> {
        if (auto r = store_.journal_settle(seq, "", now()); !r.ok()) return r;
        auto server = store_.get_server(server_id);
        if (!server.ok()) return {};
        model::Server s = server.value();
        s.state = model::MachineState::gone;
        s.state_changed_at = now();
        removed = s;
        return save_server(s);
    });
    if (removed) publish_machine(EventKind::machine_removed, *removed, "deleted");
}

}  // namespace tidepool::runtime
