// Dry runs and previews: `tidepool snapshot POOL`, `tidepool plan --snapshot FILE` and
// `tidepool schedule preview`. plan and a file-based preview run locally with the same pure
// planner and schedule code the daemon uses, so what they print is what the daemon would do.
#include <chrono>

#include <rapidjson/document.h>

#include "cli/api_call.h"
#include "cli/api_client.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/local_file.h"
#include "dryrun/snapshot_json.h"
#include "planner/decision_json.h"
#include "planner/planner.h"
#include "schedule/evaluate.h"
#include "schedule/iso8601.h"
#include "schedule/parse.h"

namespace tidepool::cli {
namespace {

std::optional<schedule::Instant> instant_option(Context& ctx, const std::string& name) {
    auto text = ctx.option(name);
    if (!text) return std::nullopt;
    auto t = schedule::parse_instant(*text);
    if (!t.ok()) {
        ctx.fail(kExitUsage, name + " \"" + *text + "\" is not an ISO 8601 instant such as " +
                                 "2026-03-02T09:00:00Z");
        return std::nullopt;
    }
    return t.value();
}

void print_plan(std::ostream& out, const planner::Plan& plan, schedule::Instant at) {
    out << "pool " << plan.pool_id << ", planned at " << schedule::format_instant(at) << "\n";
    for (const auto& cp : plan.configs) {
        out << "config " << cp.config_id << ": " << planner::to_string(cp.decision.action);
        if (cp.create > 0) out << ", create " << cp.create;
        for (const auto& id : cp.remove) out << ", delete " << id;
        out << "\n  reason: " << cp.decision.reason << "\n";
    }
    if (!plan.summary.reason.empty()) out << "pool summary: " << plan.summary.reason << "\n";
}

void print_intervals(std::ostream& out, const std::vector<schedule::Interval>& intervals) {
    if (intervals.empty()) out << "never active between those instants\n";
    for (const auto& i : intervals)
        out << schedule::format_instant(i.start) << "  ->  " << schedule::format_instant(i.end)
            << "\n";
}

}  // namespace

int cmd_snapshot(Context& ctx) {
    auto reply = call_api(ctx, "GET", "/api/v1/pools/" + url_encode(ctx.arg(0)) + "/snapshot");
    if (!reply) return ctx.failure_code;
    ctx.out << reply->body << "\n";  // the file format itself, for `> FILE`
    return kExitOk;
}

int cmd_plan(Context& ctx) {
    auto path = *ctx.option("--snapshot");
    auto text = read_local_file(ctx, path);
    if (!text) return ctx.failure_code;
    auto snapshot = dryrun::parse_snapshot(*text);
    if (!snapshot.ok()) {
        const auto& e = snapshot.error();
        return ctx.fail(kExitApiError, path + ": " + (e.field.empty() ? "" : e.field + ": ") +
                                           e.message);
    }
    auto at = instant_option(ctx, "--at");
    if (!at && ctx.failure_code) return ctx.failure_code;
    auto when = at ? *at
                   : snapshot->at.value_or(std::chrono::time_point_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now()));
    auto plan = planner::plan(snapshot->pool, when);
    if (ctx.json()) ctx.out << planner::to_json(plan) << "\n";
    else print_plan(ctx.out, plan, when);
    return kExitOk;
}

int cmd_schedule_preview(Context& ctx) {
    auto from = instant_option(ctx, "--from");
    auto to = from ? instant_option(ctx, "--to") : std::nullopt;
    if (!from || !to) return ctx.failure_code;
    auto file = ctx.option("--config");
    auto id = ctx.option("--id");
    if (file.has_value() == id.has_value())
        return ctx.fail(kExitUsage, "give exactly one of --config FILE or --id CONFIG_ID");
    std::vector<schedule::Interval> intervals;
    if (id) {
        auto reply = call_api(ctx, "GET", "/api/v1/autoscale-configs/" + url_encode(*id) +
                                              "/schedule?from=" + url_encode(*ctx.option("--from")) +
                                              "&to=" + url_encode(*ctx.option("--to")));
        if (!reply) return ctx.failure_code;
        if (ctx.json()) {
            ctx.out << reply->body << "\n";
            return kExitOk;
        }
        const auto& doc = reply->doc;
        if (doc.IsObject() && doc.HasMember("intervals") && doc["intervals"].IsArray())
            for (const auto& i : doc["intervals"].GetArray())
                if (i.IsObject() && i.HasMember("start") && i.HasMember("end") &&
                    i["start"].IsString() && i["end"].IsString())
                    intervals.push_back({schedule::parse_instant(i["start"].GetString()).value(),
                                         schedule::parse_instant(i["end"].GetString()).value()});
        print_intervals(ctx.out, intervals);
        return kExitOk;
    }
    auto text = read_local_file(ctx, *file);
    if (!text) return ctx.failure_code;
    auto spec = schedule::parse_activity_json(*text, "", schedule::ParseMode::kEmbedded);
    if (!spec.ok()) {
        const auto& e = spec.errors().front();
        return ctx.fail(kExitApiError, *file + ": " + e.pointer + ": " +
                                           (e.value.empty() ? "" : e.value + " ") + e.message);
    }
    intervals = schedule::active_intervals(spec.value(), *from, *to);
    if (ctx.json()) {
        ctx.out << schedule::intervals_to_json(intervals) << "\n";
        return kExitOk;
    }
    print_intervals(ctx.out, intervals);
    return kExitOk;
}

}  // namespace tidepool::cli
