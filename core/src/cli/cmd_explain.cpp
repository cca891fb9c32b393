// `tidepool explain POOL`: why the planner did (or did not) scale a pool.
#include "cli/api_call.h"
#include "cli/api_client.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/format.h"

namespace tidepool::cli {
namespace {

// A record is {"seq","at","plan":{"configs":[{"decision":{…}}],"summary":{…}}}, the one shape
// GET /api/v1/pools/{id}/decisions documents (DecisionRecord in docs/api/openapi.json).
std::vector<const rapidjson::Value*> decisions_of(const rapidjson::Value& record) {
    std::vector<const rapidjson::Value*> out;
    const auto* plan = member(record, "plan");
    const auto* configs = plan ? member(*plan, "configs") : nullptr;
    if (configs && configs->IsArray()) {
        for (const auto& c : configs->GetArray()) {
            const auto* d = member(c, "decision");
            if (d && d->IsObject()) out.push_back(d);
        }
    }
    return out;
}

void print_decision(std::ostream& out, const rapidjson::Value& d) {
    out << "config " << cell(d, "config_id") << ": " << cell(d, "action");
    if (auto code = cell(d, "code"); code != "-") out << " (" << code << ")";
    if (const auto* create = member(d, "create"); create && create->IsNumber() && create->GetDouble() > 0)
        out << ", create " << cell(create);
    for (const char* key : {"delete", "remove"}) {
        const auto* list = member(d, key);
        if (list && list->IsArray() && !list->Empty()) out << ", delete " << cell(list);
    }
    out << "\n  reason: " << cell(d, "reason") << "\n";
    for (const char* key : {"numbers", "inputs", "server", "agent"}) {
        const auto* numbers = member(d, key);
        if (numbers && numbers->IsObject() && numbers->MemberCount() > 0)
            out << "  " << key << ": " << flat_pairs(*numbers) << "\n";
    }
}

void print_summary(std::ostream& out, const rapidjson::Value& record) {
    const auto* plan = member(record, "plan");
    const auto* summary = plan ? member(*plan, "summary") : nullptr;
    if (!summary || !summary->IsObject()) return;
    out << "pool summary: " << cell(*summary, "reason") << "\n";
    rapidjson::Document numbers;
    numbers.CopyFrom(*summary, numbers.GetAllocator());
    numbers.RemoveMember("reason");
    if (numbers.MemberCount() > 0) out << "  numbers: " << flat_pairs(numbers) << "\n";
}

}  // namespace

int cmd_explain(Context& ctx) {
    const std::string& pool = ctx.arg(0);
    auto reply = call_api(ctx, "GET", "/api/v1/pools/" + url_encode(pool) + "/decisions?limit=1");
    if (!reply) return ctx.failure_code;
    if (ctx.json()) {
        print_json(ctx, *reply);
        return kExitOk;
    }
    const rapidjson::Value* items = list_items(ctx, *reply);
    if (!items) return ctx.failure_code;
    if (items->Empty()) {
        ctx.out << "no decisions recorded yet for pool " << pool << "\n";
        return kExitOk;
    }
    const rapidjson::Value& record = (*items)[0];
    ctx.out << "pool " << pool << ", decision at " << cell(record, "at") << "\n";
    auto decisions = decisions_of(record);
    if (decisions.empty()) ctx.out << "no autoscale config was evaluated\n";
    for (const auto* d : decisions) print_decision(ctx.out, *d);
    print_summary(ctx.out, record);
    return kExitOk;
}

}  // namespace tidepool::cli
