// `tidepool sessions connection ID`: how to connect to a placed session's machine, and the
// terminal rendering of a descriptor that every command printing a placed session shares.
#include "cli/connection_view.h"

#include "cli/api_call.h"
#include "cli/api_client.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/format.h"

namespace tidepool::cli {
namespace {

// Secrets stay off the terminal (and out of scrollback) unless --json asks for the document.
std::string secret_cell(const rapidjson::Value& credentials, const char* name) {
    return cell(credentials, name).empty() || cell(credentials, name) == "-"
               ? "-"
               : "******** (--json shows it)";
}

void print_credentials(Context& ctx, const rapidjson::Value& d) {
    if (!d.HasMember("credentials") || !d["credentials"].IsObject()) {
        ctx.out << "credentials:      "
                << (cell(d, "smartcard_required") == "true" ? "smartcard pass-through"
                                                             : "not shown to this key")
                << "\n";
        return;
    }
    const auto& c = d["credentials"];
    ctx.out << "username:         " << cell(c, "username") << "\n"
            << "password:         " << secret_cell(c, "password") << "\n"
            << "private key:      " << secret_cell(c, "private_key") << "\n";
}

}  // namespace

void print_connection(Context& ctx, const rapidjson::Value& d) {
    ctx.out << "address:          " << cell(d, "address") << " (" << cell(d, "address_source")
            << ")\n"
            << "connection:       " << cell(d, "type") << " port " << cell(d, "port") << "\n"
            << "credential type:  " << cell(d, "credential_type") << "\n";
    print_credentials(ctx, d);
}

void print_session_fields(Context& ctx, const rapidjson::Value& session) {
    if (!session.IsObject()) {
        print_key_values(ctx.out, session);
        return;
    }
    rapidjson::Document fields;
    fields.CopyFrom(session, fields.GetAllocator());
    fields.RemoveMember("connection");
    fields.RemoveMember("connection_error");
    print_key_values(ctx.out, fields);
    const auto* connection = member(session, "connection");
    const auto* error = member(session, "connection_error");
    if (connection && connection->IsObject()) {
        ctx.out << "\n";
        print_connection(ctx, *connection);
    } else if (error && error->IsObject()) {
        ctx.out << "\nconnection:       not available yet: " << cell(*error, "message") << "\n";
    }
}

int cmd_sessions_connection(Context& ctx) {
    auto reply = call_api(ctx, "GET", "/api/v1/sessions/" + url_encode(ctx.arg(0)) + "/connection");
    if (!reply) return ctx.failure_code;
    if (ctx.json()) {
        print_json(ctx, *reply);
        return kExitOk;
    }
    print_connection(ctx, reply->doc);
    return kExitOk;
}

}  // namespace tidepool::cli
