// Lists beyond the basic ones: agents with their capacity, schedules with whether they are
// active now, and a pool's decision records.
#include "cli/api_client.h"
#include "cli/commands.h"
#include "cli/listing.h"

namespace tidepool::cli {
namespace {

// "12/16": what is left of what the agent offers.
std::string free_of(const rapidjson::Value& agent, const char* name) {
    const auto* free = member(agent, "free");
    return (free ? cell(*free, name) : "-") + "/" + cell(agent, name);
}

// A record's decisions in one cell: "cfg-a:scale_up; cfg-b:hold" (`explain` shows the detail).
std::string actions_of(const rapidjson::Value& record) {
    const auto* plan = member(record, "plan");
    const auto* configs = plan ? member(*plan, "configs") : nullptr;
    if (!configs || !configs->IsArray()) return "-";
    std::string out;
    for (const auto& c : configs->GetArray()) {
        const auto* d = member(c, "decision");
        if (!d) continue;
        out += (out.empty() ? "" : "; ") + cell(*d, "config_id") + ":" + cell(*d, "action");
    }
    return out.empty() ? "-" : out;
}

}  // namespace

int cmd_agents(Context& ctx) {
    std::string path = "/api/v1/agents" + query_from_options(ctx, {"--pool", "--state", "--config"});
    return list_command(
        ctx, path, {"ID", "POOL", "STATE", "SESSIONS", "FREE_CORES", "FREE_GPUS", "FREE_MEMORY_GIB"},
        "agents", [](const rapidjson::Value& a) -> std::vector<std::string> {
            return {cell(a, "id"),        cell(a, "pool_id"),      cell(a, "state"),
                    cell(a, "sessions"),  free_of(a, "cores"),     free_of(a, "gpus"),
                    free_of(a, "memory_gib")};
        });
}

int cmd_schedules(Context& ctx) {
    std::string path = "/api/v1/schedules" + query_from_options(ctx, {"--pool", "--active"});
    return list_command(
        ctx, path, {"CONFIG", "POOL", "ENABLED", "ACTIVE", "NEXT_CHANGE", "SCHEDULES"}, "schedules",
        [](const rapidjson::Value& s) -> std::vector<std::string> {
            const auto* list = member(s, "schedules");
            std::string count = list && list->IsArray() ? std::to_string(list->Size()) : "-";
            return {cell(s, "config_id"), cell(s, "pool_id"),     cell(s, "enabled"),
                    cell(s, "active"),    cell(s, "next_change"), count};
        });
}

int cmd_decisions(Context& ctx) {
    std::string path = "/api/v1/pools/" + url_encode(ctx.arg(0)) + "/decisions" +
                       query_from_options(ctx, {"--limit"});
    // One page: the route keeps a bounded history, newest first, and --limit says how much.
    return list_command(
        ctx, path, {"SEQ", "AT", "ACTIONS", "SUMMARY"}, "decisions recorded",
        [](const rapidjson::Value& r) -> std::vector<std::string> {
            const auto* plan = member(r, "plan");
            const auto* summary = plan ? member(*plan, "summary") : nullptr;
            return {cell(r, "seq"), cell(r, "at"), actions_of(r),
                    summary ? cell(*summary, "reason") : "-"};
        },
        false);
}

}  // namespace tidepool::cli
