// Users' own SSH keys (issue 10, "use user SSH key"): list, show, set, delete. The private half
// goes up once, from a file, and is stored sealed; nothing ever prints it again.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "cli/api_call.h"
#include "cli/api_client.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/format.h"
#include "cli/listing.h"
#include "cli/local_file.h"

namespace tidepool::cli {
namespace {

std::string key_path(const std::string& user) {
    return "/api/v1/user-ssh-keys/" + url_encode(user);
}

// Passphrases come from a file too: on the command line other local users could read them in ps.
std::optional<std::string> put_body(Context& ctx) {
    auto pem = read_local_file(ctx, *ctx.option("--private-key-file"));
    if (!pem) return std::nullopt;
    std::optional<std::string> passphrase;
    if (auto file = ctx.option("--passphrase-file")) {
        passphrase = read_local_file(ctx, *file);
        if (!passphrase) return std::nullopt;
        while (!passphrase->empty() && (passphrase->back() == '\n' || passphrase->back() == '\r'))
            passphrase->pop_back();
    }
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    w.StartObject();
    w.Key("private_key");
    w.String(*pem);
    if (passphrase) {
        w.Key("passphrase");
        w.String(*passphrase);
    }
    w.EndObject();
    return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace

int cmd_user_keys(Context& ctx) {
    // The route returns every key in one page.
    return list_command(
        ctx, "/api/v1/user-ssh-keys", {"USER", "ALGORITHM", "UPDATED"}, "user SSH keys",
        [](const rapidjson::Value& key) -> std::vector<std::string> {
            return {cell(key, "user"), cell(key, "algorithm"), cell(key, "updated_at")};
        },
        false);
}

int cmd_user_keys_show(Context& ctx) { return object_command(ctx, "GET", key_path(ctx.arg(0))); }

int cmd_user_keys_set(Context& ctx) {
    auto body = put_body(ctx);
    if (!body) return ctx.failure_code;
    auto reply = call_api(ctx, "PUT", key_path(ctx.arg(0)), &*body);
    if (!reply) return ctx.failure_code;
    if (ctx.json()) print_json(ctx, *reply);
    else print_key_values(ctx.out, reply->doc);
    return kExitOk;
}

int cmd_user_keys_delete(Context& ctx) {
    auto reply = call_api(ctx, "DELETE", key_path(ctx.arg(0)));
    if (!reply) return ctx.failure_code;
    if (ctx.json()) print_json(ctx, *reply);
    else ctx.out << "deleted the SSH key of " << ctx.arg(0) << "\n";
    return kExitOk;
}

}  // namespace tidepool::cli
