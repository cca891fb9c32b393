// Staging configs (issue 4): list, show, delete. They are created and changed like every other
// configured object, with `tidepool configs apply` of a bundle ("staging_configs": […]).
#include "cli/api_call.h"
#include "cli/api_client.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/format.h"
#include "cli/listing.h"

namespace tidepool::cli {
namespace {

std::string config_path(const std::string& id) {
    return "/api/v1/staging-configs/" + url_encode(id);
}

// "2 cores, 1 GPU, 4 GiB" style cell from the per-session amounts.
std::string per_session(const rapidjson::Value& c) {
    return cell(c, "cores") + " cores, " + cell(c, "gpus") + " GPUs, " + cell(c, "memory_gib") +
           " GiB";
}

}  // namespace

int cmd_staging_list(Context& ctx) {
    const std::string path =
        "/api/v1/staging-configs" + query_from_options(ctx, {"--pool", "--workspace", "--enabled"});
    return list_command(
        ctx, path, {"ID", "POOL", "WORKSPACE", "DESIRED", "EXPIRY_H", "PER_SESSION", "ENABLED"},
        "staging configs", [](const rapidjson::Value& c) -> std::vector<std::string> {
            return {cell(c, "id"),           cell(c, "pool_id"),      cell(c, "workspace"),
                    cell(c, "desired_count"), cell(c, "expiry_hours"), per_session(c),
                    cell(c, "enabled")};
        });
}

int cmd_staging_show(Context& ctx) { return object_command(ctx, "GET", config_path(ctx.arg(0))); }

int cmd_staging_delete(Context& ctx) {
    auto reply = call_api(ctx, "DELETE", config_path(ctx.arg(0)));
    if (!reply) return ctx.failure_code;
    if (ctx.json()) print_json(ctx, *reply);
    else ctx.out << "deleted staging config " << ctx.arg(0) << "\n";
    return kExitOk;
}

}  // namespace tidepool::cli
