// Sessions: list, request (optionally waiting for placement) and release.
#include <cstdio>
#include <cstdlib>
#include <utility>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "cli/api_call.h"
#include "cli/api_client.h"
#include "cli/commands.h"
#include "cli/connection_view.h"
#include "cli/exit_codes.h"
#include "cli/format.h"
#include "cli/table.h"

namespace tidepool::cli {
namespace {

constexpr std::chrono::milliseconds kPollInterval{500};

std::string state_of(const rapidjson::Value& session) { return cell(session, "state"); }

std::string queue_cell(const rapidjson::Value& s) {
    const auto* position = member(s, "queue_position");
    if (state_of(s) != "queued" || !position || !position->IsNumber() || position->GetDouble() <= 0)
        return "-";
    return cell(position);
}

std::string eta_cell(const rapidjson::Value& s) {
    const auto* eta = member(s, "eta_s");
    if (state_of(s) != "queued" || !eta || !eta->IsNumber()) return "-";
    return duration_text(eta->GetDouble());
}

std::string request_body(const Context& ctx) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("pool_id");
    w.String(*ctx.option("--pool"));
    w.Key("user");
    w.String(*ctx.option("--user"));
    w.Key("kind");
    w.String(ctx.option("--kind").value_or("desktop"));
    w.Key("priority");
    w.Int(std::atoi(ctx.option("--priority").value_or("0").c_str()));
    if (auto workspace = ctx.option("--workspace")) {
        w.Key("workspace");
        w.String(*workspace);
    }
    // Already checked as finite numbers >= 0 (ValueKind::amount); the daemon judges the rest.
    for (const auto& [option, member] : {std::pair{"--cores", "cores"}, std::pair{"--gpus", "gpus"},
                                         std::pair{"--memory-gib", "memory_gib"}}) {
        if (auto amount = ctx.option(option)) {
            w.Key(member);
            w.Double(std::strtod(amount->c_str(), nullptr));
        }
    }
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
}

void print_session(Context& ctx, const Reply& reply) {
    if (ctx.json()) print_json(ctx, reply);
    else print_session_fields(ctx, reply.doc);
}

// "queued, position 2, ETA 45s" — what a waiting user wants to know.
std::string progress_text(const rapidjson::Value& s) {
    std::string text = state_of(s);
    if (auto q = queue_cell(s); q != "-") text += ", position " + q;
    if (auto eta = eta_cell(s); eta != "-") text += ", ETA " + eta;
    return text;
}

std::string seconds_text(double seconds) {
    char text[32];
    std::snprintf(text, sizeof text, "%g s", seconds);
    return text;
}

// Polls until the session leaves the queue or `seconds` pass; prints progress on stderr.
int wait_for_placement(Context& ctx, Reply reply, double seconds) {
    std::string id = cell(reply.doc, "id");
    auto deadline = ctx.env.now() + std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
    std::string last_progress;
    while (true) {
        std::string state = state_of(reply.doc);
        if (state == "placed") {
            print_session(ctx, reply);
            return kExitOk;
        }
        if (state != "queued") {
            std::string reason = cell(reply.doc, "failure_reason");
            return ctx.fail(kExitApiError, "session " + id + " " + state +
                                               (reason != "-" ? ": " + reason : ""));
        }
        if (auto progress = progress_text(reply.doc); progress != last_progress) {
            ctx.err << "waiting for session " << id << ": " << progress << "\n";
            last_progress = progress;
        }
        if (ctx.env.now() >= deadline) {
            return ctx.fail(kExitApiError,
                            "session " + id + " was not placed within " + seconds_text(seconds) +
                                " (" + progress_text(reply.doc) +
                                "); it stays queued, release it with: tidepool sessions release " +
                                id);
        }
        ctx.env.sleep(kPollInterval);
        auto next = call_api(ctx, "GET", "/api/v1/sessions/" + url_encode(id));
        if (!next) return ctx.failure_code;
        reply = std::move(*next);
    }
}

}  // namespace

int cmd_sessions(Context& ctx) {
    std::string query;
    if (auto pool = ctx.option("--pool")) query += "&pool=" + url_encode(*pool);
    if (auto state = ctx.option("--state")) query += "&state=" + url_encode(*state);
    if (!query.empty()) query[0] = '?';
    auto reply = fetch_all_pages(ctx, "/api/v1/sessions" + query);
    if (!reply) return ctx.failure_code;
    if (ctx.json()) {
        print_json(ctx, *reply);
        return kExitOk;
    }
    const rapidjson::Value* items = list_items(ctx, *reply);
    if (!items) return ctx.failure_code;
    if (items->Empty()) {
        ctx.out << "no sessions\n";
        return kExitOk;
    }
    Table table({"ID", "POOL", "USER", "KIND", "STATE", "SERVER", "QUEUE", "ETA"});
    for (const auto& s : items->GetArray()) {
        std::string server = cell(s, "server_id");
        table.add_row({cell(s, "id"), cell(s, "pool_id"), cell(s, "user"), cell(s, "kind"),
                       state_of(s), server.empty() ? "-" : server, queue_cell(s), eta_cell(s)});
    }
    ctx.out << table.render();
    return kExitOk;
}

int cmd_sessions_request(Context& ctx) {
    std::string body = request_body(ctx);
    auto reply = call_api(ctx, "POST", "/api/v1/sessions", &body);
    if (!reply) return ctx.failure_code;
    if (auto wait = ctx.option("--wait")) {
        return wait_for_placement(ctx, std::move(*reply), std::strtod(wait->c_str(), nullptr));
    }
    print_session(ctx, *reply);
    return kExitOk;
}

int cmd_sessions_show(Context& ctx) {
    auto reply = call_api(ctx, "GET", "/api/v1/sessions/" + url_encode(ctx.arg(0)));
    if (!reply) return ctx.failure_code;
    print_session(ctx, *reply);
    return kExitOk;
}

int cmd_sessions_release(Context& ctx) {
    const std::string& id = ctx.arg(0);
    auto reply = call_api(ctx, "DELETE", "/api/v1/sessions/" + url_encode(id));
    if (!reply) return ctx.failure_code;
    if (ctx.json()) {
        print_json(ctx, *reply);
        return kExitOk;
    }
    std::string state = reply->doc.IsObject() ? state_of(reply->doc) : "-";
    ctx.out << "released session " << id << (state != "-" ? " (now " + state + ")" : "") << "\n";
    return kExitOk;
}

}  // namespace tidepool::cli
