// Encoders: model values → JSON objects (see json_codec.h for the conventions).
#include <chrono>
#include <cstdio>

#include "model/enums.h"
#include "model/json_codec.h"

namespace tidepool::model {
namespace {

void key(JsonWriter& w, const char* name) { w.Key(name); }

void put(JsonWriter& w, const char* name, const std::string& value) {
    w.Key(name);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}
void put(JsonWriter& w, const char* name, const char* value) {
    w.Key(name);
    w.String(value);
}
void put(JsonWriter& w, const char* name, int value) {
    w.Key(name);
    w.Int(value);
}
void put(JsonWriter& w, const char* name, std::int64_t value) {
    w.Key(name);
    w.Int64(value);
}
void put(JsonWriter& w, const char* name, double value) {
    w.Key(name);
    w.Double(value);
}
void put(JsonWriter& w, const char* name, bool value) {
    w.Key(name);
    w.Bool(value);
}
void put(JsonWriter& w, const char* name, const std::optional<double>& value) {
    w.Key(name);
    if (value) {
        w.Double(*value);
    } else {
        w.Null();
    }
}
// Optional references: null rather than "" so API clients can test for absence directly.
void put_optional_id(JsonWriter& w, const char* name, const Id& id) {
    w.Key(name);
    if (id.empty()) {
        w.Null();
    } else {
        w.String(id.data(), static_cast<rapidjson::SizeType>(id.size()));
    }
}
void put_instant(JsonWriter& w, const char* name, Instant at) {
    w.Key(name);
    const std::string text = format_instant(at);
    if (text.empty()) {
        w.Null();
    } else {
        w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    }
}
// Embeds stored JSON text; an empty or unparsable text becomes `fallback` rather than
// producing an invalid document.
void put_raw_object(JsonWriter& w, const char* name, const std::string& json) {
    w.Key(name);
    rapidjson::Document doc;
    if (json.empty() || doc.Parse(json.data(), json.size()).HasParseError() || !doc.IsObject()) {
        w.StartObject();
        w.EndObject();
        return;
    }
    doc.Accept(w);
}

}  // namespace

std::string format_instant(Instant at) {
    if (at == Instant{}) return {};
    const auto day = std::chrono::floor<std::chrono::days>(at);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss hms{at - day};
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buffer;
}

void write_json(JsonWriter& w, const Zone& zone) {
    w.StartObject();
    put(w, "id", zone.id);
    put(w, "name", zone.name);
    put(w, "upstream_auth_address", zone.upstream_auth_address);
    w.EndObject();
}

void write_json(JsonWriter& w, const Pool& pool) {
    w.StartObject();
    put(w, "id", pool.id);
    put(w, "name", pool.name);
    put(w, "kind", to_string(pool.kind));
    put(w, "placement", to_string(pool.placement));
    put(w, "max_queue_wait_s", pool.max_queue_wait_s);
    w.EndObject();
}

void write_json(JsonWriter& w, const ProviderConfig& config) {
    w.StartObject();
    put(w, "id", config.id);
    put(w, "name", config.name);
    put(w, "kind", to_string(config.kind));
    put(w, "plugin_id", config.plugin_id);
    put_raw_object(w, "config", config.config_json);
    w.EndObject();
}

namespace {

void write_schedule_members(JsonWriter& w, const std::string& schedule_json) {
    rapidjson::Document doc;
    const bool parsed = !schedule_json.empty() &&
                        !doc.Parse(schedule_json.data(), schedule_json.size()).HasParseError() &&
                        doc.IsObject();
    for (const char* name : {"schedules", "exceptions", "extra_windows"}) {
        key(w, name);
        if (parsed && doc.HasMember(name) && doc[name].IsArray()) {
            doc[name].Accept(w);
        } else {
            w.StartArray();
            w.EndArray();
        }
    }
}

void write_autoscale_common(JsonWriter& w, const AutoScaleConfig& c) {
    put(w, "id", c.id);
    put(w, "name", c.name);
    put(w, "pool_id", c.pool_id);
    put_optional_id(w, "zone_id", c.zone_id);
    put(w, "vm_provider_id", c.vm_provider_id);
    put_optional_id(w, "dns_provider_id", c.dns_provider_id);
    put(w, "priority", c.priority);
    put(w, "enabled", c.enabled);
    write_schedule_members(w, c.schedule_json);
    put(w, "aggressive", c.aggressive);
    put(w, "downscale_backoff_s", c.downscale_backoff_s);
    put(w, "require_checkin", c.require_checkin);
    put(w, "checkin_timeout_s", c.checkin_timeout_s);
    put(w, "os_family", c.os_family);
    put(w, "startup_script", c.startup_script);
}

// Secrets are write-only: a set one reads back as the redaction mark, an unset one as "".
void put_secret(JsonWriter& w, const char* name, const std::string& value) {
    put(w, name, value.empty() ? std::string() : std::string(kRedactedSecret));
}

void write_connection(JsonWriter& w, const ConnectionSettings& c) {
    put(w, "connection_credential_type", to_string(c.credential_type));
    put(w, "sso_domain", c.sso_domain);
    put(w, "connection_username", c.username);
    put_secret(w, "connection_password", c.password);
    put(w, "use_user_ssh_key", c.use_user_ssh_key);
    put_secret(w, "connection_private_key", c.private_key);
    put_secret(w, "connection_private_key_passphrase", c.private_key_passphrase);
    put_raw_object(w, "connection_info", c.info_json);
    put(w, "desktop_service_installed", c.desktop_service_installed);
    put(w, "nginx_cert", c.nginx_cert);
    put_secret(w, "nginx_key", c.nginx_key);
}

}  // namespace

void write_json(JsonWriter& w, const AutoScaleConfig& c) {
    w.StartObject();
    write_autoscale_common(w, c);
    put(w, "min_available_sessions", c.min_available_sessions);
    put(w, "max_sessions_per_server", c.max_sessions_per_server);
    put(w, "max_users_per_server", c.max_users_per_server);
    put(w, "connection_type", to_string(c.connection_type));
    put(w, "connection_port", c.connection_port);
    put(w, "reusable", c.reusable);
    put(w, "predictive_standby", c.predictive_standby);
    put(w, "predictive_lookback_days", c.predictive_lookback_days);
    write_connection(w, c.connection);
    put(w, "standby_cores", c.standby_cores);
    put(w, "standby_gpus", c.standby_gpus);
    put(w, "standby_memory_gib", c.standby_memory_gib);
    put(w, "agent_cores_override", c.agent_cores_override);
    put(w, "agent_gpus_override", c.agent_gpus_override);
    put(w, "agent_memory_gib_override", c.agent_memory_gib_override);
    put(w, "agent_cores", c.agent_cores);
    put(w, "agent_gpus", c.agent_gpus);
    put(w, "agent_memory_gib", c.agent_memory_gib);
    put(w, "register_dns", c.register_dns);
    put(w, "base_domain", c.base_domain);
    w.EndObject();
}

void write_json(JsonWriter& w, const Server& s) {
    w.StartObject();
    put(w, "id", s.id);
    put(w, "pool_id", s.pool_id);
    put_optional_id(w, "config_id", s.config_id);
    put(w, "name", s.name);
    put(w, "provider_id", s.provider_id);
    put(w, "state", to_string(s.state));
    put(w, "address", s.address);
    put(w, "max_sessions", s.max_sessions);
    put(w, "max_users", s.max_users);
    put_instant(w, "checkin_expires_at", s.checkin_expires_at);
    put_instant(w, "created_at", s.created_at);
    put_instant(w, "state_changed_at", s.state_changed_at);
    put(w, "cores", s.cores);
    put(w, "gpus", s.gpus);
    put(w, "memory_gib", s.memory_gib);
    w.EndObject();
}

void write_json(JsonWriter& w, const Session& s) {
    w.StartObject();
    put(w, "id", s.id);
    put(w, "pool_id", s.pool_id);
    put_optional_id(w, "server_id", s.server_id);
    put(w, "user", s.user);
    put(w, "kind", to_string(s.kind));
    put(w, "state", to_string(s.state));
    put(w, "priority", s.priority);
    put_instant(w, "requested_at", s.requested_at);
    put_instant(w, "placed_at", s.placed_at);
    put_instant(w, "ended_at", s.ended_at);
    put(w, "failure_reason", s.failure_reason);
    put(w, "cores", s.cores);
    put(w, "gpus", s.gpus);
    put(w, "memory_gib", s.memory_gib);
    put(w, "workspace", s.workspace);
    put_optional_id(w, "staging_config_id", s.staging_config_id);
    put_instant(w, "expires_at", s.expires_at);
    w.EndObject();
}

void write_json(JsonWriter& w, const JournalEntry& e) {
    w.StartObject();
    put(w, "seq", e.seq);
    put(w, "op", to_string(e.op));
    put(w, "state", to_string(e.state));
    put(w, "config_id", e.config_id);
    put(w, "provider_config_id", e.provider_config_id);
    put(w, "machine_id", e.machine_id);
    put(w, "unique_name", e.unique_name);
    put(w, "idempotency_key", e.idempotency_key);
    put_raw_object(w, "tags", e.tags_json);
    put(w, "provider_id", e.provider_id);
    put(w, "error", e.error);
    put_instant(w, "created_at", e.created_at);
    put_instant(w, "settled_at", e.settled_at);
    w.EndObject();
}

}  // namespace tidepool::model
