// One API call as commands need it: transport and HTTP errors become the single
// "tidepool: …" line with the right exit code, success comes back parsed.
#pragma once

#include <optional>
#include <string>

#include <rapidjson/document.h>

#include "cli/command.h"

namespace tidepool::cli {

struct Reply {
    long status = 0;
    std::string body;
    rapidjson::Document doc;  // the parsed body; Null when the body is empty (e.g. 204)
};

// Performs the call. On failure prints the error line (prefixed with `context` when given,
// e.g. the file being applied), sets ctx.failure_code and returns nullopt.
std::optional<Reply> call_api(Context& ctx, const std::string& method, const std::string& path,
                              const std::string* body = nullptr, const std::string& context = {});

// --json output: the reply body, pretty-printed (nothing for an empty body).
void print_json(Context& ctx, const Reply& reply);

// GETs every page of a list route (following "next_cursor") and returns them as one reply
// whose body and doc are {"items":[…all…]}; nullopt (after printing the error) on failure.
std::optional<Reply> fetch_all_pages(Context& ctx, const std::string& path);

// The "items" array of a list reply, or null (after printing an error) when it is missing.
const rapidjson::Value* list_items(Context& ctx, const Reply& reply);

}  // namespace tidepool::cli
