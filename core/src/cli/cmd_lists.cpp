// The read-only listing commands: status, pools, servers, plugin list/reload.
#include "cli/api_call.h"
#include "cli/api_client.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/format.h"
#include "cli/listing.h"
#include "cli/table.h"

namespace tidepool::cli {
namespace {

const std::vector<std::string> kPluginColumns = {"ID",         "VERSION",      "ABI",
                                                 "INTERFACES", "CAPABILITIES", "FILE"};

std::vector<std::string> plugin_row(const rapidjson::Value& p) {
    return {cell(p, "id"),         cell(p, "version"),      cell(p, "abi"),
            cell(p, "interfaces"), cell(p, "capabilities"), cell(p, "file")};
}

std::string with_kind(Context& ctx, std::string path) {
    if (auto kind = ctx.option("--kind")) path += "?kind=" + url_encode(*kind);
    return path;
}

}  // namespace

int cmd_status(Context& ctx) {
    auto reply = call_api(ctx, "GET", "/api/v1/status");
    if (!reply) return ctx.failure_code;
    if (ctx.json()) print_json(ctx, *reply);
    else print_key_values(ctx.out, reply->doc);
    return kExitOk;
}

int cmd_zones(Context& ctx) {
    return list_command(ctx, "/api/v1/zones", {"ID", "NAME", "UPSTREAM_AUTH_ADDRESS"}, "zones",
                        [](const rapidjson::Value& z) -> std::vector<std::string> {
                            return {cell(z, "id"), cell(z, "name"),
                                    cell(z, "upstream_auth_address")};
                        });
}

int cmd_providers(Context& ctx) {
    return list_command(ctx, with_kind(ctx, "/api/v1/provider-configs"),
                        {"ID", "NAME", "KIND", "PLUGIN", "MAX_INSTANCES"}, "provider configs",
                        [](const rapidjson::Value& p) -> std::vector<std::string> {
                            const auto* config = member(p, "config");
                            return {cell(p, "id"), cell(p, "name"), cell(p, "kind"),
                                    cell(p, "plugin_id"),
                                    config ? cell(*config, "max_instances") : "-"};
                        });
}

int cmd_pools(Context& ctx) {
    return list_command(ctx, with_kind(ctx, "/api/v1/pools"), {"ID", "NAME", "KIND", "PLACEMENT"}, "pools",
                        [](const rapidjson::Value& p) -> std::vector<std::string> {
                            return {cell(p, "id"), cell(p, "name"), cell(p, "kind"),
                                    cell(p, "placement")};
                        });
}

int cmd_servers(Context& ctx) {
    std::string path = "/api/v1/servers" + query_from_options(ctx, {"--pool", "--state"});
    return list_command(
        ctx, path, {"ID", "POOL", "STATE", "ADDRESS", "SESSIONS", "CREATED"}, "servers",
        [](const rapidjson::Value& s) -> std::vector<std::string> {
            std::string sessions = cell(s, "sessions");
            if (const auto* max = member(s, "max_sessions"); max && max->IsNumber()) {
                sessions += "/" + cell(max);
            }
            return {cell(s, "id"),      cell(s, "pool_id"), cell(s, "state"),
                    cell(s, "address"), sessions,           cell(s, "created_at")};
        });
}

int cmd_plugin_list(Context& ctx) {
    return list_command(ctx, "/api/v1/plugins", kPluginColumns,
                        "plugins loaded", plugin_row, false);
}

int cmd_plugin_reload(Context& ctx) {
    auto reply = call_api(ctx, "POST", "/api/v1/plugins/reload");
    if (!reply) return ctx.failure_code;
    if (ctx.json()) {
        print_json(ctx, *reply);
        return kExitOk;
    }
    const rapidjson::Value* items = member(reply->doc, "items");
    if (!items || !items->IsArray()) {
        ctx.out << "plugins reloaded\n";
        return kExitOk;
    }
    ctx.out << "plugins reloaded; " << items->Size() << " loaded\n";
    if (items->Empty()) return kExitOk;
    Table table(kPluginColumns);
    for (const auto& p : items->GetArray()) table.add_row(plugin_row(p));
    ctx.out << table.render();
    return kExitOk;
}

}  // namespace tidepool::cli
