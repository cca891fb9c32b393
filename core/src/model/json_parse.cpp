// Decoders for the operator-supplied objects (see json_codec.h for the conventions).
#include <array>
#include <limits>

#include <rapidjson/error/en.h>

#include "model/json_codec.h"
#include "model/json_reader.h"

namespace tidepool::model {
namespace {

constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();
constexpr bool kRequired = true;
constexpr bool kOptional = false;
constexpr std::array<const char*, 2> kOsFamilies{"linux", "windows"};

// Labels of letters, digits, '-' and '_', joined by dots: "org.tidepool.local".
bool is_dotted_name(std::string_view text, std::size_t min_labels) {
    if (text.empty() || text.size() > 253) return false;
    std::size_t labels = 0, label_length = 0;
    for (char c : text) {
        if (c == '.') {
            if (label_length == 0) return false;
            ++labels;
            label_length = 0;
            continue;
        }
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                             (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!allowed || ++label_length > 63) return false;
    }
    if (label_length == 0) return false;
    return labels + 1 >= min_labels;
}

std::string serialize(const rapidjson::Value& value) {
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    value.Accept(writer);
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

Result<Zone> parse_zone(const rapidjson::Value& value, std::string_view pointer_prefix) {
    ObjectReader r(value, pointer_prefix, "a zone");
    Zone zone;
    r.id("id", zone.id, kRequired);
    r.text("name", zone.name);
    r.text("upstream_auth_address", zone.upstream_auth_address);
    if (auto done = r.finish(); !done) return done.error();
    return zone;
}

Result<Pool> parse_pool(const rapidjson::Value& value, std::string_view pointer_prefix) {
    ObjectReader r(value, pointer_prefix, "a pool");
    Pool pool;
    r.id("id", pool.id, kRequired);
    r.text("name", pool.name);
    r.enumeration("kind", pool.kind);
    r.enumeration("placement", pool.placement);
    r.integer("max_queue_wait_s", pool.max_queue_wait_s, 0, kIntMax);
    if (auto done = r.finish(); !done) return done.error();
    return pool;
}

Result<ProviderConfig> parse_provider_config(const rapidjson::Value& value,
                                             std::string_view pointer_prefix) {
    ObjectReader r(value, pointer_prefix, "a provider config");
    ProviderConfig config;
    r.id("id", config.id, kRequired);
    r.text("name", config.name);
    r.enumeration("kind", config.kind);
    r.text("plugin_id", config.plugin_id, kRequired);
    if (r.ok() && !config.plugin_id.empty() && !is_dotted_name(config.plugin_id, 2)) {
        r.fail("plugin_id", "\"plugin_id\": \"" + config.plugin_id +
                                "\" is not allowed; use the plugin's reverse-DNS id, "
                                "e.g. \"org.tidepool.local\"");
    }
    config.config_json = "{}";
    const rapidjson::Value* body = r.member("config", rapidjson::kObjectType,
                                            "an object (the plugin's settings)", Secrecy::secret);
    if (body != nullptr) {
        config.config_json = serialize(*body);
        auto max = body->FindMember("max_instances");
        if (max != body->MemberEnd()) {
            const auto& v = max->value;
            if (!v.IsInt64() || v.GetInt64() < 0 || v.GetInt64() > kIntMax) {
                r.fail_at(r.pointer("config") + "/max_instances",
                          "\"max_instances\": " + render_value(v, Secrecy::secret) +
                              " is not allowed; use an integer of at least 0");
            } else {
                config.max_instances = static_cast<int>(v.GetInt64());
            }
        }
    }
    if (auto done = r.finish(); !done) return done.error();
    return config;
}

namespace {

// Collects the three schedule arrays into schedule_json (see json_codec.h).
void read_schedule(ObjectReader& r, std::string& schedule_json) {
    rapidjson::Document doc(rapidjson::kObjectType);
    bool any = false;
    for (const char* name : {"schedules", "exceptions", "extra_windows"}) {
        const rapidjson::Value* v = r.member(name, rapidjson::kArrayType, "an array");
        rapidjson::Value copy(rapidjson::kArrayType);
        if (v != nullptr) {
            copy.CopyFrom(*v, doc.GetAllocator());
            any = any || !v->Empty();
        }
        doc.AddMember(rapidjson::StringRef(name), copy, doc.GetAllocator());
    }
    schedule_json = any ? serialize(doc) : std::string();
}

void read_autoscale_common(ObjectReader& r, AutoScaleConfig& c) {
    r.id("id", c.id, kRequired);
    r.text("name", c.name);
    r.id("pool_id", c.pool_id, kRequired);
    r.id("zone_id", c.zone_id, kOptional);
    r.id("vm_provider_id", c.vm_provider_id, kRequired);
    r.id("dns_provider_id", c.dns_provider_id, kOptional);
    r.integer("priority", c.priority, 0, kIntMax);
    r.boolean("enabled", c.enabled);
    read_schedule(r, c.schedule_json);
    r.boolean("aggressive", c.aggressive);
    r.integer("downscale_backoff_s", c.downscale_backoff_s, 0, kIntMax);
    r.boolean("require_checkin", c.require_checkin);
    // A zero timeout would fail every server before it could possibly check in.
    r.integer("checkin_timeout_s", c.checkin_timeout_s, 1, kIntMax);
    r.choice("os_family", c.os_family, kOsFamilies);
    r.text("startup_script", c.startup_script, kOptional, Secrecy::secret);
}

void read_server_pool_members(ObjectReader& r, AutoScaleConfig& c) {
    r.integer("min_available_sessions", c.min_available_sessions, 0, kIntMax);
    r.integer("max_sessions_per_server", c.max_sessions_per_server, 1, kIntMax);
    r.integer("max_users_per_server", c.max_users_per_server, 1, kIntMax);
    r.enumeration("connection_type", c.connection_type);
    r.integer("connection_port", c.connection_port, 0, 65535);
    r.boolean("reusable", c.reusable);
    r.boolean("predictive_standby", c.predictive_standby);
    r.integer("predictive_lookback_days", c.predictive_lookback_days, 1, 90);
}

// Connection settings; secret members are write-only in the API (see json_write.cpp).
void read_connection_members(ObjectReader& r, ConnectionSettings& c) {
    r.enumeration("connection_credential_type", c.credential_type);
    r.text("sso_domain", c.sso_domain);
    r.text("connection_username", c.username);
    r.text("connection_password", c.password, kOptional, Secrecy::secret);
    r.boolean("use_user_ssh_key", c.use_user_ssh_key);
    r.text("connection_private_key", c.private_key, kOptional, Secrecy::secret);
    r.text("connection_private_key_passphrase", c.private_key_passphrase, kOptional,
           Secrecy::secret);
    if (const auto* info = r.member("connection_info", rapidjson::kObjectType, "a JSON object"))
        c.info_json = serialize(*info);
    r.boolean("desktop_service_installed", c.desktop_service_installed);
    r.text("nginx_cert", c.nginx_cert);
    r.text("nginx_key", c.nginx_key, kOptional, Secrecy::secret);
}

void read_agent_pool_members(ObjectReader& r, AutoScaleConfig& c) {
    r.number("standby_cores", c.standby_cores, 0);
    r.number("standby_gpus", c.standby_gpus, 0);
    r.number("standby_memory_gib", c.standby_memory_gib, 0);
    r.optional_number("agent_cores_override", c.agent_cores_override, 0);
    r.optional_number("agent_gpus_override", c.agent_gpus_override, 0);
    r.optional_number("agent_memory_gib_override", c.agent_memory_gib_override, 0);
    r.number("agent_cores", c.agent_cores, 0);
    r.number("agent_gpus", c.agent_gpus, 0);
    r.number("agent_memory_gib", c.agent_memory_gib, 0);
    r.boolean("register_dns", c.register_dns);
    r.text("base_domain", c.base_domain);
}

// Rules that involve more than one member; checked only once each member is valid alone.
void check_dns_rules(ObjectReader& r, const AutoScaleConfig& c) {
    if (!r.ok()) return;
    if (!c.base_domain.empty() && !is_dotted_name(c.base_domain, 1)) {
        r.fail("base_domain", "\"base_domain\": \"" + c.base_domain +
                                  "\" is not allowed; use a DNS name such as "
                                  "\"agents.example.com\"");
    } else if (c.register_dns && c.base_domain.empty()) {
        r.fail("base_domain", "\"base_domain\" is missing; it is required when "
                              "\"register_dns\" is true (e.g. \"agents.example.com\")");
    } else if (c.register_dns && c.dns_provider_id.empty()) {
        r.fail("dns_provider_id", "\"dns_provider_id\" is missing; it is required when "
                                  "\"register_dns\" is true (the id of a dns provider config)");
    }
}

}  // namespace

Result<AutoScaleConfig> parse_autoscale_config(const rapidjson::Value& value,
                                               std::string_view pointer_prefix) {
    ObjectReader r(value, pointer_prefix, "an autoscale config");
    AutoScaleConfig config;
    read_autoscale_common(r, config);
    read_server_pool_members(r, config);
    read_connection_members(r, config.connection);
    read_agent_pool_members(r, config);
    check_dns_rules(r, config);
    if (auto done = r.finish(); !done) return done.error();
    return config;
}

Result<rapidjson::Document> parse_json_text(std::string_view text) {
    rapidjson::Document doc;
    doc.Parse(text.data(), text.size());
    if (doc.HasParseError()) {
        return Error{ErrorCode::invalid,
                     "not valid JSON at byte " + std::to_string(doc.GetErrorOffset()) + ": " +
                         rapidjson::GetParseError_En(doc.GetParseError()),
                     ""};
    }
    return doc;
}

}  // namespace tidepool::model
