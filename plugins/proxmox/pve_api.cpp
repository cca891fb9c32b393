#include "pve_api.h"

namespace tidepool::proxmox {

namespace {

const rapidjson::Value& null_value() {
    static const rapidjson::Value kNull;
    return kNull;
}

// "errors": {"param": "reason", ...} as "param: reason; ..."
std::string errors_text(const rapidjson::Value& body) {
    std::string out;
    if (!body.IsObject() || !body.HasMember("errors") || !body["errors"].IsObject()) return out;
    for (const auto& m : body["errors"].GetObject()) {
        if (!out.empty()) out += "; ";
        out += std::string(m.name.GetString()) + ": ";
        out += m.value.IsString() ? m.value.GetString() : "invalid";
    }
    return out;
}

std::string message_text(const rapidjson::Value& body) {
    if (body.IsObject() && body.HasMember("message") && body["message"].IsString()) {
        std::string text = body["message"].GetString();
        while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
        return text;
    }
    return {};
}

int32_t status_class(int32_t http) {
    switch (http) {
        case 400:
            return TP_ERR_INVALID_CONFIG;  // a parameter the API refused
        case 401:
            return TP_ERR_DENIED;
        case 403:
            return TP_ERR_DENIED;
        case 404:
            return TP_ERR_NOT_FOUND;
        case 501:
            return TP_ERR_INTERNAL;  // no such method: a plugin/version mismatch
        default:
            return http >= 500 || http == 429 ? TP_ERR_UNAVAILABLE : TP_ERR_INTERNAL;
    }
}

bool tls_problem(const std::string& message) {
    return message.find("SSL") != std::string::npos ||
           message.find("certificate") != std::string::npos;
}

}  // namespace

const rapidjson::Value& ApiAnswer::data() const {
    if (body.IsObject() && body.HasMember("data")) return body["data"];
    return null_value();
}

sdk::ProviderError classify_failure(const ApiAnswer& answer, const std::string& what) {
    std::string detail = errors_text(answer.body);
    std::string message = message_text(answer.body);
    if (!message.empty()) detail = detail.empty() ? message : message + " (" + detail + ")";
    std::string text = what + " answered HTTP " + std::to_string(answer.status);
    if (answer.status == 401) {
        text += ": the API token was refused; check /username, /token_name and /token_value";
    } else if (answer.status == 403) {
        text += ": the token lacks a permission this call needs";
    }
    if (!detail.empty()) text += ": " + detail;
    std::string field = answer.status == 401 ? "/token_value" : "";
    return sdk::ProviderError(status_class(answer.status), text, field,
                              "HTTP" + std::to_string(answer.status));
}

PveApi::PveApi(const ProxmoxConfig& config)
    : base_url_(config.base_url()),
      authorization_(config.authorization()),
      verify_ssl_(config.verify_ssl),
      ca_file_(config.ca_file) {}

ApiAnswer PveApi::send(const sdk::Call& call, std::string_view method, const std::string& path,
                       const Params& params) const {
    sdk::HttpRequest request;
    request.method = std::string(method);
    request.url = base_url_ + path;
    bool in_body = method == "POST" || method == "PUT";
    if (!params.empty() && !in_body) request.url += "?" + form_encode(params);
    request.headers = {{"Authorization", authorization_}, {"Accept", "application/json"}};
    if (in_body) {
        request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
        request.body = form_encode(params);
    }
    request.verify_tls = verify_ssl_;
    request.ca_file = ca_file_;
    sdk::HttpResponse response;
    try {
        response = sdk::host().http(request, call);
    } catch (const sdk::ProviderError& e) {
        if (!verify_ssl_ || !tls_problem(e.what())) throw;
        throw sdk::ProviderError(TP_ERR_INVALID_CONFIG,
                                 std::string(e.what()) + " -- the server's certificate is not " +
                                     "trusted: set /ca_file to its CA's PEM file, or set " +
                                     "/verify_ssl to false to accept a self-signed certificate",
                                 "/verify_ssl", "TLSVerifyFailed");
    }
    ApiAnswer answer;
    answer.status = response.status;
    answer.body.Parse(response.body.data(), response.body.size());
    if (answer.body.HasParseError()) answer.body.SetNull();
    return answer;
}

ApiAnswer PveApi::expect(const sdk::Call& call, std::string_view method, const std::string& path,
                         const Params& params) const {
    ApiAnswer answer = send(call, method, path, params);
    if (!answer.ok()) throw classify_failure(answer, std::string(method) + " " + path);
    return answer;
}

std::string vm_path(std::string_view node, int64_t vmid, std::string_view suffix) {
    return "/nodes/" + percent_encode(node) + "/qemu/" + std::to_string(vmid) + std::string(suffix);
}

}  // namespace tidepool::proxmox
