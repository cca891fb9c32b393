// SqliteStore: the operator-configured objects (zones, pools, provider and autoscale configs).
#include <array>

#include "model/connection_codec.h"
#include "model/enums.h"
#include "store/sqlite_rows.h"
#include "store/sqlite_store.h"

namespace tidepool::store {
namespace {

using model::AutoScaleConfig;
using model::Pool;
using model::ProviderConfig;
using model::Zone;

constexpr std::array kZoneColumns{"id", "name", "upstream_auth_address"};
constexpr std::array kPoolColumns{"id", "name", "kind", "placement", "max_queue_wait_s"};
constexpr std::array kProviderColumns{"id",        "name",        "kind",
                                      "plugin_id", "config_json", "max_instances"};
constexpr std::array kAutoscaleColumns{
    "id", "name", "pool_id", "zone_id", "vm_provider_id", "dns_provider_id", "priority",
    "enabled", "schedule_json", "aggressive", "downscale_backoff_s", "require_checkin",
    "checkin_timeout_s", "os_family", "startup_script", "min_available_sessions",
    "max_sessions_per_server", "max_users_per_server", "connection_type", "connection_port",
    "reusable", "standby_cores", "standby_gpus", "standby_memory_gib", "agent_cores_override",
    "agent_gpus_override", "agent_memory_gib_override", "agent_cores", "agent_gpus",
    "agent_memory_gib", "register_dns", "base_domain", "connection_json", "predictive_standby",
    "predictive_lookback_days"};

const std::string kZoneSelect = select_sql("zones", kZoneColumns);
const std::string kZoneUpsert = upsert_sql("zones", kZoneColumns);
const std::string kPoolSelect = select_sql("pools", kPoolColumns);
const std::string kPoolUpsert = upsert_sql("pools", kPoolColumns);
const std::string kProviderSelect = select_sql("provider_configs", kProviderColumns);
const std::string kProviderUpsert = upsert_sql("provider_configs", kProviderColumns);
const std::string kAutoscaleSelect = select_sql("autoscale_configs", kAutoscaleColumns);
const std::string kAutoscaleUpsert = upsert_sql("autoscale_configs", kAutoscaleColumns);

Zone read_zone(Statement& st) { return Zone{st.text(0), st.text(1), st.text(2)}; }

Pool read_pool(Statement& st) {
    return Pool{st.text(0), st.text(1), st.enumeration<model::PoolKind>(2),
                st.enumeration<model::PlacementStrategy>(3), st.integer(4)};
}

ProviderConfig read_provider(Statement& st) {
    return ProviderConfig{st.text(0),  st.text(1), st.enumeration<model::ProviderKind>(2),
                          st.text(3),  st.text(4), st.integer(5)};
}

AutoScaleConfig read_autoscale(Statement& st) {
    AutoScaleConfig c;
    c.id = st.text(0);
    c.name = st.text(1);
    c.pool_id = st.text(2);
    c.zone_id = st.text(3);
    c.vm_provider_id = st.text(4);
    c.dns_provider_id = st.text(5);
    c.priority = st.integer(6);
    c.enabled = st.boolean(7);
    c.schedule_json = st.text(8);
    c.aggressive = st.boolean(9);
    c.downscale_backoff_s = st.integer(10);
    c.require_checkin = st.boolean(11);
    c.checkin_timeout_s = st.integer(12);
    c.os_family = st.text(13);
    c.startup_script = st.text(14);
    c.min_available_sessions = st.integer(15);
    c.max_sessions_per_server = st.integer(16);
    c.max_users_per_server = st.integer(17);
    c.connection_type = st.enumeration<model::ConnectionType>(18);
    c.connection_port = st.integer(19);
    c.reusable = st.boolean(20);
    c.standby_cores = st.real(21);
    c.standby_gpus = st.real(22);
    c.standby_memory_gib = st.real(23);
    c.agent_cores_override = st.optional_real(24);
    c.agent_gpus_override = st.optional_real(25);
    c.agent_memory_gib_override = st.optional_real(26);
    c.agent_cores = st.real(27);
    c.agent_gpus = st.real(28);
    c.agent_memory_gib = st.real(29);
    c.register_dns = st.boolean(30);
    c.base_domain = st.text(31);
    // Rows are only written by bind_autoscale; an unreadable value (a hand-edited file) leaves
    // the defaults, which carry no credentials, rather than failing every read of the pool.
    if (auto connection = model::connection_from_storage_json(st.text(32)); connection)
        c.connection = std::move(*connection);
    c.predictive_standby = st.boolean(33);
    c.predictive_lookback_days = st.integer(34);
    return c;
}

void bind_autoscale(Statement& st, const AutoScaleConfig& c) {
    st.bind_all(c.id, c.name, c.pool_id, c.zone_id, c.vm_provider_id, c.dns_provider_id,
                c.priority, c.enabled, c.schedule_json, c.aggressive, c.downscale_backoff_s,
                c.require_checkin, c.checkin_timeout_s, c.os_family, c.startup_script,
                c.min_available_sessions, c.max_sessions_per_server, c.max_users_per_server,
                model::to_string(c.connection_type), c.connection_port, c.reusable,
                c.standby_cores, c.standby_gpus, c.standby_memory_gib, c.agent_cores_override,
                c.agent_gpus_override, c.agent_memory_gib_override, c.agent_cores, c.agent_gpus,
                c.agent_memory_gib, c.register_dns, c.base_domain,
                model::connection_to_storage_json(c.connection), c.predictive_standby,
                c.predictive_lookback_days);
    // Optional references are NULL, not "", so their foreign keys do not fire.
    st.bind_optional(4, c.zone_id).bind_optional(5, c.vm_provider_id);
    st.bind_optional(6, c.dns_provider_id);
}

std::string quoted(const Id& id) { return "\"" + id + "\""; }

}  // namespace

// ---- zones ----

Result<void> SqliteStore::put_zone(const Zone& zone) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kZoneUpsert);
    if (!st) return st.error();
    return st->bind_all(zone.id, zone.name, zone.upstream_auth_address).run();
}

Result<Zone> SqliteStore::get_zone(const Id& id) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kZoneSelect + " WHERE id = ?");
    if (!st) return st.error();
    st->bind_all(id);
    return single<Zone>(*st, read_zone, "no zone " + quoted(id));
}

Result<std::vector<Zone>> SqliteStore::list_zones() {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kZoneSelect + " ORDER BY id");
    if (!st) return st.error();
    return collect<Zone>(*st, read_zone);
}

Result<void> SqliteStore::remove_zone(const Id& id) {
    return transaction([&]() -> Result<void> {
        if (auto r = require_row("zones", "zone", id); !r) return r;
        auto configs = referencing("autoscale configs",
                                   "SELECT id FROM autoscale_configs WHERE zone_id = ?1", id);
        if (!configs) return configs.error();
        if (auto r = refuse_if_used("zone", id, {*configs}); !r) return r;
        auto st = db_.prepare("DELETE FROM zones WHERE id = ?");
        if (!st) return st.error();
        return st->bind_all(id).run();
    });
}

// ---- pools ----

Result<void> SqliteStore::put_pool(const Pool& pool) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kPoolUpsert);
    if (!st) return st.error();
    return st
        ->bind_all(pool.id, pool.name, model::to_string(pool.kind),
                   model::to_string(pool.placement), pool.max_queue_wait_s)
        .run();
}

Result<Pool> SqliteStore::get_pool(const Id& id) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kPoolSelect + " WHERE id = ?");
    if (!st) return st.error();
    st->bind_all(id);
    return single<Pool>(*st, read_pool, "no pool " + quoted(id));
}

Result<std::vector<Pool>> SqliteStore::list_pools() {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kPoolSelect + " ORDER BY id");
    if (!st) return st.error();
    return collect<Pool>(*st, read_pool);
}

Result<void> SqliteStore::remove_pool(const Id& id) {
    return transaction([&]() -> Result<void> {
        if (auto r = require_row("pools", "pool", id); !r) return r;
        auto configs = referencing("autoscale configs",
                                   "SELECT id FROM autoscale_configs WHERE pool_id = ?1", id);
        if (!configs) return configs.error();
        auto staging = referencing("staging configs",
                                   "SELECT id FROM staging_configs WHERE pool_id = ?1", id);
        if (!staging) return staging.error();
        auto servers = referencing(
            "servers", "SELECT id FROM servers WHERE pool_id = ?1 AND state <> 'gone'", id);
        if (!servers) return servers.error();
        auto sessions = referencing("sessions",
                                    "SELECT id FROM sessions WHERE pool_id = ?1 AND state IN "
                                    "('queued', 'placed', 'staged')",
                                    id);
        if (!sessions) return sessions.error();
        if (auto r = refuse_if_used("pool", id, {*configs, *staging, *servers, *sessions}); !r)
            return r;
        // What is left is history (gone servers, finished sessions, decisions): it goes with
        // the pool rather than pinning it forever.
        touch_machines();
        for (const char* sql : {"DELETE FROM sessions WHERE pool_id = ?",
                                "DELETE FROM servers WHERE pool_id = ?",
                                "DELETE FROM decisions WHERE pool_id = ?",
                                "DELETE FROM pools WHERE id = ?"}) {
            auto st = db_.prepare(sql);
            if (!st) return st.error();
            if (auto r = st->bind_all(id).run(); !r) return r;
        }
        return {};
    });
}

// ---- provider configs ----

Result<void> SqliteStore::put_provider_config(const ProviderConfig& c) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kProviderUpsert);
    if (!st) return st.error();
    return st
        ->bind_all(c.id, c.name, model::to_string(c.kind), c.plugin_id, c.config_json,
                   c.max_instances)
        .run();
}

Result<ProviderConfig> SqliteStore::get_provider_config(const Id& id) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kProviderSelect + " WHERE id = ?");
    if (!st) return st.error();
    st->bind_all(id);
    return single<ProviderConfig>(*st, read_provider, "no provider config " + quoted(id));
}

Result<std::vector<ProviderConfig>> SqliteStore::list_provider_configs() {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kProviderSelect + " ORDER BY id");
    if (!st) return st.error();
    return collect<ProviderConfig>(*st, read_provider);
}

Result<void> SqliteStore::remove_provider_config(const Id& id) {
    return transaction([&]() -> Result<void> {
        if (auto r = require_row("provider_configs", "provider config", id); !r) return r;
        auto configs = referencing(
            "autoscale configs",
            "SELECT id FROM autoscale_configs WHERE vm_provider_id = ?1 OR dns_provider_id = ?1",
            id);
        if (!configs) return configs.error();
        // An unsettled intent still needs this provider to be finished or rolled back.
        auto pending = referencing(
            "unsettled journal entries for",
            "SELECT unique_name FROM journal WHERE provider_config_id = ?1 AND state = 'intent'",
            id);
        if (!pending) return pending.error();
        if (auto r = refuse_if_used("provider config", id, {*configs, *pending}); !r) return r;
        auto st = db_.prepare("DELETE FROM provider_configs WHERE id = ?");
        if (!st) return st.error();
        return st->bind_all(id).run();
    });
}

// ---- autoscale configs ----

Result<void> SqliteStore::put_autoscale_config(const AutoScaleConfig& c) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kAutoscaleUpsert);
    if (!st) return st.error();
    bind_autoscale(*st, c);
    auto result = st->run();
    if (!result && db_.last_failed_foreign_key()) {
        return missing_reference("autoscale config", c.id,
                                 {{"pool_id", &c.pool_id, "pools", "pool"},
                                  {"zone_id", &c.zone_id, "zones", "zone"},
                                  {"vm_provider_id", &c.vm_provider_id, "provider_configs",
                                   "provider config"},
                                  {"dns_provider_id", &c.dns_provider_id, "provider_configs",
                                   "provider config"}});
    }
    return result;
}

Result<AutoScaleConfig> SqliteStore::get_autoscale_config(const Id& id) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kAutoscaleSelect + " WHERE id = ?");
    if (!st) return st.error();
    st->bind_all(id);
    return single<AutoScaleConfig>(*st, read_autoscale, "no autoscale config " + quoted(id));
}

Result<std::vector<AutoScaleConfig>> SqliteStore::list_autoscale_configs(
    const std::optional<Id>& pool_id) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kAutoscaleSelect + (pool_id ? " WHERE pool_id = ?" : "") +
                          " ORDER BY priority, id");
    if (!st) return st.error();
    if (pool_id) st->bind_all(*pool_id);
    return collect<AutoScaleConfig>(*st, read_autoscale);
}

Result<void> SqliteStore::remove_autoscale_config(const Id& id) {
    return transaction([&]() -> Result<void> {
        if (auto r = require_row("autoscale_configs", "autoscale config", id); !r) return r;
        auto servers = referencing(
            "servers", "SELECT id FROM servers WHERE config_id = ?1 AND state <> 'gone'", id);
        if (!servers) return servers.error();
        if (auto r = refuse_if_used("autoscale config", id, {*servers}); !r) return r;
        auto st = db_.prepare("DELETE FROM autoscale_configs WHERE id = ?");
        if (!st) return st.error();
        return st->bind_all(id).run();
    });
}

}  // namespace tidepool::store
