// One object at a time: `zones show`, `pools show`, `providers show`, `servers show`,
// `agents show`, `schedules show`, and the drain actions on a server. Each is one API call whose
// answer prints as "key  value" lines (or the JSON itself with --json).
#include "cli/api_client.h"
#include "cli/commands.h"
#include "cli/listing.h"

namespace tidepool::cli {

int object_command(Context& ctx, const std::string& method, const std::string& path) {
    auto reply = call_api(ctx, method, path);
    if (!reply) return ctx.failure_code;
    if (ctx.json()) print_json(ctx, *reply);
    else print_key_values(ctx.out, reply->doc);
    return kExitOk;
}

std::string query_from_options(Context& ctx, const std::vector<std::string>& options) {
    std::string query;
    for (const auto& name : options) {
        auto value = ctx.option(name);
        if (!value) continue;
        query += (query.empty() ? "?" : "&") + name.substr(2) + "=" + url_encode(*value);
    }
    return query;
}

namespace {

int show(Context& ctx, const char* collection) {
    return object_command(ctx, "GET",
                          std::string("/api/v1/") + collection + "/" + url_encode(ctx.arg(0)));
}

}  // namespace

int cmd_zones_show(Context& ctx) { return show(ctx, "zones"); }
int cmd_pools_show(Context& ctx) { return show(ctx, "pools"); }
int cmd_providers_show(Context& ctx) { return show(ctx, "provider-configs"); }
int cmd_servers_show(Context& ctx) { return show(ctx, "servers"); }
int cmd_agents_show(Context& ctx) { return show(ctx, "agents"); }
int cmd_schedules_show(Context& ctx) { return show(ctx, "schedules"); }

int cmd_servers_drain(Context& ctx) {
    return object_command(ctx, "POST", "/api/v1/servers/" + url_encode(ctx.arg(0)) + "/drain");
}

int cmd_servers_undrain(Context& ctx) {
    return object_command(ctx, "POST", "/api/v1/servers/" + url_encode(ctx.arg(0)) + "/undrain");
}

}  // namespace tidepool::cli
