// Shared shapes of the read commands: a paged list printed as a table, and one object printed
// as "key  value" lines. --json prints the API's own JSON instead, in both.
#pragma once

#include <string>
#include <vector>

#include "cli/api_call.h"
#include "cli/exit_codes.h"
#include "cli/format.h"
#include "cli/table.h"

namespace tidepool::cli {

// GET a list (every page of it when `paged`) and print it as a table, or raw with --json.
template <class RowFn>
int list_command(Context& ctx, const std::string& path, std::vector<std::string> headers,
                 const char* noun, RowFn row, bool paged = true) {
    auto reply = paged ? fetch_all_pages(ctx, path) : call_api(ctx, "GET", path);
    if (!reply) return ctx.failure_code;
    if (ctx.json()) {
        print_json(ctx, *reply);
        return kExitOk;
    }
    const rapidjson::Value* items = list_items(ctx, *reply);
    if (!items) return ctx.failure_code;
    if (items->Empty()) {
        ctx.out << "no " << noun << "\n";
        return kExitOk;
    }
    Table table(std::move(headers));
    for (const auto& item : items->GetArray()) table.add_row(row(item));
    ctx.out << table.render();
    return kExitOk;
}

// METHOD path (GET to show, POST for an action that answers with the object) and print the
// object as "key  value" lines, or raw with --json.
int object_command(Context& ctx, const std::string& method, const std::string& path);

// "?a=1&b=2" from the command's options that are set (option "--pool" → query "pool"); "" when
// none is.
std::string query_from_options(Context& ctx, const std::vector<std::string>& options);

}  // namespace tidepool::cli
