// API key management: key create, key list, key revoke (admin keys only, enforced by
// tidepoold). The secret is printed once, by `key create`; nothing can show it again.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "cli/api_call.h"
#include "cli/api_client.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/format.h"
#include "cli/table.h"

namespace tidepool::cli {
namespace {

std::string create_body(const std::string& role, const std::optional<std::string>& name) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    w.StartObject();
    w.Key("role");
    w.String(role);
    if (name) {
        w.Key("name");
        w.String(*name);
    }
    w.EndObject();
    return buf.GetString();
}

}  // namespace

int cmd_key_create(Context& ctx) {
    const std::string body = create_body(*ctx.option("--role"), ctx.option("--name"));
    auto reply = call_api(ctx, "POST", "/api/v1/keys", &body);
    if (!reply) return ctx.failure_code;
    if (ctx.json()) {
        print_json(ctx, *reply);
    } else {
        print_key_values(ctx.out, reply->doc);
    }
    ctx.err << "tidepool: store the key now; its secret is not shown again\n";
    return kExitOk;
}

int cmd_key_list(Context& ctx) {
    auto reply = call_api(ctx, "GET", "/api/v1/keys");
    if (!reply) return ctx.failure_code;
    if (ctx.json()) {
        print_json(ctx, *reply);
        return kExitOk;
    }
    const rapidjson::Value* items = list_items(ctx, *reply);
    if (!items) return ctx.failure_code;
    Table table({"ID", "NAME", "ROLE", "CREATED", "REVOKED"});
    for (const auto& key : items->GetArray()) {
        table.add_row({cell(key, "id"), cell(key, "name"), cell(key, "role"),
                       cell(key, "created_at"), cell(key, "revoked_at")});
    }
    ctx.out << (table.empty() ? std::string("no API keys\n") : table.render());
    return kExitOk;
}

int cmd_key_revoke(Context& ctx) {
    auto reply = call_api(ctx, "DELETE", "/api/v1/keys/" + url_encode(ctx.arg(0)));
    if (!reply) return ctx.failure_code;
    if (ctx.json()) {
        print_json(ctx, *reply);
    } else {
        ctx.out << "revoked " << cell(reply->doc, "id") << " at " << cell(reply->doc, "revoked_at")
                << "\n";
    }
    return kExitOk;
}

}  // namespace tidepool::cli
