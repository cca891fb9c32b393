// API key management: POST/GET /api/v1/keys, GET/DELETE /api/v1/keys/{id}. The guard lets
// only admin keys in. A key's secret appears in exactly one response, the 201 that creates it.
#include <stdexcept>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "auth/role.h"
#include "daemon/api_context.h"
#include "daemon/auth_guard.h"
#include "http/response.h"
#include "model/json_codec.h"
#include "model/json_reader.h"

namespace tidepool::daemon {
namespace {

using http::Request;
using http::Response;
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void write_instant(Writer& w, const char* name, model::Instant at) {
    w.Key(name);
    if (at == model::Instant{}) {
        w.Null();
        return;
    }
    w.String(model::format_instant(at));
}

void write_key(Writer& w, const store::ApiKeyRecord& key, const std::string* token) {
    w.StartObject();
    w.Key("id");
    w.String(key.id);
    w.Key("name");
    w.String(key.name);
    w.Key("role");
    w.String(key.role);
    write_instant(w, "created_at", key.created_at);
    write_instant(w, "revoked_at", key.revoked_at);
    if (token) {
        w.Key("key");
        w.String(*token);
    }
    w.EndObject();
}

std::string key_json(const store::ApiKeyRecord& key, const std::string* token = nullptr) {
    rapidjson::StringBuffer buf;
    Writer w(buf);
    write_key(w, key, token);
    return buf.GetString();
}

Response create_key(auth::Authenticator& authenticator, const Request& req) {
    auto body = parse_body(req);
    if (!body) return http::error_response(body.error());
    model::ObjectReader reader(body.value(), "", "an API key request");
    static constexpr const char* kRoles[] = {"admin", "broker", "read-only"};
    std::string role_text, name;
    reader.choice("role", role_text, kRoles);
    reader.text("name", name);
    if (auto done = reader.finish(); !done) return http::error_response(done.error());
    if (role_text.empty()) {
        return http::error_response(make_error(
            ErrorCode::invalid, "\"role\" is required: admin, broker or read-only", "/role"));
    }
    auto created = authenticator.create_key(*auth::parse_role(role_text), name);
    if (!created) return http::error_response(created.error());
    return http::json_response(201, key_json(created->record, &created->token));
}

Response list_keys(auth::Authenticator& authenticator) {
    auto keys = authenticator.list_keys();
    if (!keys) return http::error_response(keys.error());
    rapidjson::StringBuffer buf;
    Writer w(buf);
    w.StartObject();
    w.Key("items");
    w.StartArray();
    for (const auto& key : *keys) write_key(w, key, nullptr);
    w.EndArray();
    w.EndObject();
    return http::json_response(200, buf.GetString());
}

}  // namespace

void add_key_routes(http::Router& router, ApiContext& ctx) {
    if (ctx.auth == nullptr) throw std::logic_error("add_key_routes: ApiContext::auth is not set");
    auth::Authenticator& authenticator = *ctx.auth;
    // The store is thread-safe and these calls are short; they need not queue behind the
    // control strand, and key management keeps working while the runtime is busy.
    router.add_sync("POST", "/api/v1/keys", [&authenticator](const Request& req) {
        return create_key(authenticator, req);
    });
    router.add_sync("GET", "/api/v1/keys", [&authenticator](const Request&) {
        return list_keys(authenticator);
    });
    router.add_sync("GET", "/api/v1/keys/{id}", [&authenticator](const Request& req) {
        auto key = authenticator.get_key(std::string(req.param("id")));
        if (!key) return http::error_response(key.error());
        return http::json_response(200, key_json(*key));
    });
    router.add_sync("DELETE", "/api/v1/keys/{id}", [&authenticator](const Request& req) {
        auto key = authenticator.revoke_key(std::string(req.param("id")));
        if (!key) return http::error_response(key.error());
        return http::json_response(200, key_json(*key));
    });
}

}  // namespace tidepool::daemon
