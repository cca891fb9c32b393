// Configuration: apply a JSON file, show and delete autoscale configs.

#include <rapidjson/error/en.h>

#include "cli/api_call.h"
#include "cli/api_client.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/format.h"
#include "cli/local_file.h"
#include "cli/table.h"

namespace tidepool::cli {
namespace {

// Reads FILE and checks it is JSON, so a typo is reported with its line and column here
// rather than as a vaguer API error.
std::optional<std::string> read_json_file(Context& ctx, const std::string& file) {
    auto read = read_local_file(ctx, file);
    if (!read) return std::nullopt;
    const std::string& content = *read;
    rapidjson::Document doc;
    doc.Parse(content.c_str(), content.size());
    if (doc.HasParseError()) {
        auto offset = doc.GetErrorOffset();
        std::size_t line = 1, column = 1;
        for (std::size_t i = 0; i < offset && i < content.size(); ++i) {
            if (content[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        ctx.fail(kExitApiError, file + " is not valid JSON: " +
                                    rapidjson::GetParseError_En(doc.GetParseError()) + " (line " +
                                    std::to_string(line) + ", column " + std::to_string(column) +
                                    ")");
        return std::nullopt;
    }
    return content;
}

}  // namespace

int cmd_configs_apply(Context& ctx) {
    const std::string& file = ctx.arg(0);
    auto body = read_json_file(ctx, file);
    if (!body) return ctx.failure_code;
    auto reply = call_api(ctx, "POST", "/api/v1/apply", &*body, file);
    if (!reply) return ctx.failure_code;
    if (ctx.json()) {
        print_json(ctx, *reply);
        return kExitOk;
    }
    const rapidjson::Value* applied = member(reply->doc, "applied");
    ctx.out << "applied " << file;
    if (applied && applied->IsObject()) {
        std::string counts;
        for (auto it = applied->MemberBegin(); it != applied->MemberEnd(); ++it) {
            counts += (counts.empty() ? "" : ", ") + cell(&it->value) + " " + it->name.GetString();
        }
        ctx.out << ": " << counts;
    }
    ctx.out << "\n";
    return kExitOk;
}

int cmd_configs_show(Context& ctx) {
    bool one = !ctx.invocation.args.empty();
    std::string path = "/api/v1/autoscale-configs";
    if (one) path += "/" + url_encode(ctx.arg(0));
    auto reply = one ? call_api(ctx, "GET", path) : fetch_all_pages(ctx, path);
    if (!reply) return ctx.failure_code;
    if (ctx.json()) {
        print_json(ctx, *reply);
        return kExitOk;
    }
    if (one) {
        print_key_values(ctx.out, reply->doc);
        return kExitOk;
    }
    const rapidjson::Value* items = list_items(ctx, *reply);
    if (!items) return ctx.failure_code;
    if (items->Empty()) {
        ctx.out << "no autoscale configs\n";
        return kExitOk;
    }
    Table table({"ID", "NAME", "POOL", "PRIORITY", "ENABLED"});
    for (const auto& c : items->GetArray()) {
        table.add_row({cell(c, "id"), cell(c, "name"), cell(c, "pool_id"), cell(c, "priority"),
                       cell(c, "enabled")});
    }
    ctx.out << table.render();
    return kExitOk;
}

int cmd_configs_list(Context& ctx) { return cmd_configs_show(ctx); }  // without ID: the list

int cmd_configs_delete(Context& ctx) {
    struct Kind {
        const char* option;      // --kind value
        const char* collection;  // route
        const char* noun;
    };
    static const Kind kKinds[] = {{"autoscale", "autoscale-configs", "autoscale config"},
                                  {"provider", "provider-configs", "provider config"},
                                  {"pool", "pools", "pool"},
                                  {"zone", "zones", "zone"}};
    const std::string kind = ctx.option("--kind").value_or("autoscale");
    const Kind* k = &kKinds[0];
    for (const auto& candidate : kKinds)
        if (kind == candidate.option) k = &candidate;
    const std::string& id = ctx.arg(0);
    auto reply = call_api(ctx, "DELETE", std::string("/api/v1/") + k->collection + "/" +
                                             url_encode(id));
    if (!reply) return ctx.failure_code;
    if (ctx.json()) print_json(ctx, *reply);
    else ctx.out << "deleted " << k->noun << " " << id << "\n";
    return kExitOk;
}

}  // namespace tidepool::cli
