#include "cli/api_call.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "cli/api_client.h"
#include "cli/exit_codes.h"
#include "cli/format.h"

namespace tidepool::cli {

std::optional<Reply> call_api(Context& ctx, const std::string& method, const std::string& path,
                              const std::string* body, const std::string& context) {
    std::string prefix = context.empty() ? "" : context + ": ";
    auto sent = ctx.api.send(method, path, body);
    if (!sent) {
        ctx.fail(kExitCannotConnect, sent.error().message);
        return std::nullopt;
    }
    Reply reply;
    reply.status = sent->status;
    reply.body = std::move(sent->body);
    if (reply.status < 200 || reply.status >= 300) {
        ctx.fail(kExitApiError, prefix + api_error_message(reply.status, reply.body));
        return std::nullopt;
    }
    if (!reply.body.empty()) {
        reply.doc.Parse(reply.body.c_str(), reply.body.size());
        if (reply.doc.HasParseError()) {
            ctx.fail(kExitApiError, prefix + "tidepoold answered " + method + " " + path +
                                        " with something that is not JSON");
            return std::nullopt;
        }
    }
    return reply;
}

void print_json(Context& ctx, const Reply& reply) {
    if (!reply.body.empty()) ctx.out << pretty_json(reply.body) << "\n";
}

std::optional<Reply> fetch_all_pages(Context& ctx, const std::string& path) {
    Reply all;
    all.status = 200;
    all.doc.SetObject();
    auto& alloc = all.doc.GetAllocator();
    rapidjson::Value items(rapidjson::kArrayType);
    std::string cursor;
    const char* join = path.find('?') == std::string::npos ? "?" : "&";
    do {
        std::string page = path + join + "limit=1000";
        if (!cursor.empty()) page += "&cursor=" + url_encode(cursor);
        auto reply = call_api(ctx, "GET", page);
        if (!reply) return std::nullopt;
        const rapidjson::Value* got = list_items(ctx, *reply);
        if (!got) return std::nullopt;
        for (const auto& item : got->GetArray()) items.PushBack(rapidjson::Value(item, alloc), alloc);
        const auto* next = member(reply->doc, "next_cursor");
        cursor = next && next->IsString() ? next->GetString() : "";
    } while (!cursor.empty());
    all.doc.AddMember("items", items, alloc);
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    all.doc.Accept(w);
    all.body = buffer.GetString();
    return all;
}

const rapidjson::Value* list_items(Context& ctx, const Reply& reply) {
    const rapidjson::Value* items = member(reply.doc, "items");
    if (!items || !items->IsArray()) {
        ctx.fail(kExitApiError, "tidepoold's answer has no \"items\" list (is --url pointing at "
                                "tidepoold?)");
        return nullptr;
    }
    return items;
}

}  // namespace tidepool::cli
