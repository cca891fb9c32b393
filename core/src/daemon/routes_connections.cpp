// Connection routes (issue 10): a placed session's connection descriptor, the in-guest
// service's account exchange (authenticated by the machine's service token, not an API key),
// and users' own SSH keys (write-only private halves).
#include "connect/descriptor_json.h"
#include "connect/key_material.h"
#include "daemon/api_context.h"
#include "http/response.h"
#include "model/enums.h"
#include "model/json_codec.h"

namespace tidepool::daemon {
namespace {

using http::Request;
using http::Response;
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void put(Writer& w, const char* name, const std::string& value) {
    w.Key(name);
    w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

Response session_connection(ApiContext& ctx, const Request& req) {
    auto d = ctx.runtime.connection_for(std::string(req.param("id")),
                                        ctx.sees_credentials(req));
    if (!d.ok()) return http::error_response(d.error());
    rapidjson::StringBuffer b;
    Writer w(b);
    connect::write_descriptor(w, d.value());
    return http::json_response(200, b.GetString());
}

// "Authorization: Bearer <service token>" → the machine it was issued to.
Result<model::Id> guest_machine(ApiContext& ctx, const Request& req) {
    auto header = req.header("authorization");
    constexpr std::string_view kBearer = "Bearer ";
    if (!header || !header->starts_with(kBearer))
        return make_error(ErrorCode::unauthenticated,
                          "send the machine's service token as \"Authorization: Bearer "
                          "<token>\" (the {service_token} startup-script variable)");
    auto machine = ctx.runtime.service_tokens().verify(header->substr(kBearer.size()));
    if (!machine)
        return make_error(ErrorCode::unauthenticated, "the service token is not valid");
    auto server = ctx.runtime.store().get_server(*machine);
    if (!server.ok() || server->state == model::MachineState::gone)
        return make_error(ErrorCode::unauthenticated, "the service token's machine is gone");
    return *machine;
}

Response list_guest_accounts(ApiContext& ctx, const Request& req) {
    auto machine = guest_machine(ctx, req);
    if (!machine.ok()) return http::error_response(machine.error());
    auto accounts = ctx.runtime.guest_accounts(machine.value());
    if (!accounts.ok()) return http::error_response(accounts.error());
    rapidjson::StringBuffer b;
    Writer w(b);
    w.StartObject();
    w.Key("accounts");
    w.StartArray();
    for (const auto& a : accounts.value()) {
        w.StartObject();
        put(w, "session_id", a.session_id);
        put(w, "username", a.username);
        put(w, "action", a.create ? "create" : "remove");
        if (a.create) put(w, "password", a.password);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return http::json_response(200, b.GetString());
}

Response report_guest_account(ApiContext& ctx, const Request& req) {
    auto machine = guest_machine(ctx, req);
    if (!machine.ok()) return http::error_response(machine.error());
    auto body = parse_body(req);
    if (!body.ok()) return http::error_response(body.error());
    const auto& doc = body.value();
    const std::string state =
        doc.IsObject() && doc.HasMember("state") && doc["state"].IsString()
            ? doc["state"].GetString()
            : "";
    if (state != "created" && state != "removed")
        return http::error_response(make_error(
            ErrorCode::invalid, "\"state\" must be \"created\" or \"removed\"", "/state"));
    auto r = ctx.runtime.report_guest_account(machine.value(), std::string(req.param("session")),
                                              state == "created");
    if (!r.ok()) return http::error_response(r.error());
    return http::json_response(200, "{\"state\":\"" + state + "\"}");
}

void write_key(Writer& w, const model::UserSshKey& k) {
    w.StartObject();
    put(w, "user", k.user);
    put(w, "algorithm", k.algorithm);
    put(w, "public_key", k.public_key);
    put(w, "updated_at", model::format_instant(k.updated_at));
    w.EndObject();
}

Response key_response(int status, const model::UserSshKey& key) {
    rapidjson::StringBuffer b;
    Writer w(b);
    write_key(w, key);
    return http::json_response(status, b.GetString());
}

Response put_user_key(ApiContext& ctx, const Request& req) {
    auto body = parse_body(req);
    if (!body.ok()) return http::error_response(body.error());
    const auto& doc = body.value();
    auto text = [&](const char* name) {
        return doc.IsObject() && doc.HasMember(name) && doc[name].IsString()
                   ? std::string(doc[name].GetString())
                   : std::string();
    };
    auto material = connect::key_material(text("private_key"), text("passphrase"),
                                          {"/private_key", "/passphrase"});
    if (!material.ok()) return http::error_response(material.error());
    auto stored = ctx.runtime.put_user_key(std::string(req.param("user")), material.value());
    if (!stored.ok()) return http::error_response(stored.error());
    return key_response(200, stored.value());
}

Response list_user_keys(ApiContext& ctx) {
    auto keys = ctx.runtime.store().list_user_ssh_keys();
    if (!keys.ok()) return http::error_response(keys.error());
    rapidjson::StringBuffer b;
    Writer w(b);
    w.StartObject();
    w.Key("items");
    w.StartArray();
    for (const auto& k : keys.value()) write_key(w, k);
    w.EndArray();
    w.EndObject();
    return http::json_response(200, b.GetString());
}

}  // namespace

void add_connection_routes(http::Router& router, ApiContext& ctx) {
    router.add("GET", "/api/v1/sessions/{id}/connection",
               on_strand(ctx, [&ctx](const Request& r) { return session_connection(ctx, r); }));
    router.add("GET", "/api/guest/accounts",
               on_strand(ctx, [&ctx](const Request& r) { return list_guest_accounts(ctx, r); }));
    router.add("POST", "/api/guest/accounts/{session}",
               on_strand(ctx, [&ctx](const Request& r) { return report_guest_account(ctx, r); }));
    router.add("GET", "/api/v1/user-ssh-keys",
               on_strand(ctx, [&ctx](const Request&) { return list_user_keys(ctx); }));
    router.add("GET", "/api/v1/user-ssh-keys/{user}", on_strand(ctx, [&ctx](const Request& r) {
        auto key = ctx.runtime.store().get_user_ssh_key(std::string(r.param("user")));
        return key.ok() ? key_response(200, key.value()) : http::error_response(key.error());
    }));
    router.add("PUT", "/api/v1/user-ssh-keys/{user}",
               on_strand(ctx, [&ctx](const Request& r) { return put_user_key(ctx, r); }));
    router.add("DELETE", "/api/v1/user-ssh-keys/{user}", on_strand(ctx, [&ctx](const Request& r) {
        auto removed = ctx.runtime.store().remove_user_ssh_key(std::string(r.param("user")));
        if (!removed.ok()) return http::error_response(removed.error());
        return http::json_response(200, "{\"removed\":true}");
    }));
}

}  // namespace tidepool::daemon
