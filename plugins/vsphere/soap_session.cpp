#include "soap_session.h"

#include <cctype>

#include <tidepool/sdk/error.hpp>
#include <tidepool/svc/log.h>

#include "vim_requests.h"
#include "vim_responses.h"

namespace tidepool::vsphere {

namespace {

using sdk::ProviderError;

constexpr int64_t kLogoutTimeoutMs = 5000;

// 5xx without a SOAP body (a proxy, a vCenter restarting) is transient; so is 429.
void check_transport_status(const sdk::HttpResponse& r, std::string_view what) {
    bool soap = r.header("Content-Type").find("xml") != std::string::npos;
    if (r.status == 200 || (r.status == 500 && soap)) return;
    std::string msg = std::string(what) + ": vCenter answered HTTP " + std::to_string(r.status);
    if (r.status == 401 || r.status == 403) throw ProviderError(TP_ERR_DENIED, msg);
    if (r.status == 429 || r.status >= 500) {
        int64_t retry_ms = 0;
        std::string after = r.header("Retry-After");
        if (!after.empty() && after.find_first_not_of("0123456789") == std::string::npos) {
            retry_ms = std::stoll(after.substr(0, 6)) * 1000;
        }
        throw ProviderError(TP_ERR_UNAVAILABLE, msg, {}, "HTTP" + std::to_string(r.status),
                            retry_ms);
    }
    throw ProviderError(TP_ERR_INTERNAL, msg + " (is the address a vCenter /sdk endpoint?)");
}

bool tls_problem(const std::string& message) {
    return message.find("SSL") != std::string::npos ||
           message.find("certificate") != std::string::npos;
}

}  // namespace

sdk::HttpResponse SoapSession::send(const sdk::HttpRequest& request, const sdk::Call& call) {
    try {
        return sdk::host().http(request, call);
    } catch (const ProviderError& e) {
        // An untrusted certificate is a setting to fix, not an outage to retry.
        if (!request.verify_tls || !tls_problem(e.what())) throw;
        throw ProviderError(TP_ERR_INVALID_CONFIG,
                            std::string(e.what()) + " -- the certificate is not trusted: set "
                                                    "/ca_file to the CA that signed it (or "
                                                    "/verify_tls to false in a lab)",
                            "/verify_tls");
    }
}

SoapSession::SoapSession(const VsphereConfig& config)
    : url_(config.sdk_url()),
      username_(config.username),
      password_(config.password),
      verify_tls_(config.verify_tls),
      ca_file_(config.ca_file) {}

SoapSession::~SoapSession() { logout(); }

Answer SoapSession::post(const sdk::Call& call, const std::string& request,
                         std::string_view what) {
    sdk::HttpRequest req;
    req.method = "POST";
    req.url = url_;
    req.verify_tls = verify_tls_;
    req.ca_file = ca_file_;
    req.body = vim::envelope(request);
    req.headers = {{"Content-Type", "text/xml; charset=utf-8"},
                   {"SOAPAction", "urn:vim25/" + (content_ && !content_->api_version.empty()
                                                      ? content_->api_version
                                                      : std::string("6.5"))}};
    if (!cookie_.empty()) req.headers.emplace_back("Cookie", cookie_);
    if (!call.get()) req.timeout_ms = kLogoutTimeoutMs;
    sdk::HttpResponse response = send(req, call);
    check_transport_status(response, what);
    remember_cookie(response);
    try {
        auto doc = sdk::xml::XmlDocument::parse(response.body);
        sdk::xml::XmlNode node = vim::answer(doc);
        return Answer{std::move(doc), node};
    } catch (const sdk::xml::XmlError& e) {
        throw ProviderError(TP_ERR_INTERNAL, std::string(what) + ": " + e.what());
    }
}

void SoapSession::remember_cookie(const sdk::HttpResponse& response) {
    for (const auto& [name, value] : response.headers) {
        std::string lower = name;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower != "set-cookie") continue;
        std::string pair = value.substr(0, value.find(';'));
        if (pair.rfind("vmware_soap_session=", 0) == 0) cookie_ = pair;
    }
}

const vim::ServiceContent& SoapSession::content(const sdk::Call& call) {
    if (!content_) {
        Answer a = post(call, vim::retrieve_service_content(), "reading vCenter's service content");
        content_ = vim::parse_service_content(a.node);
    }
    return *content_;
}

void SoapSession::login(const sdk::Call& call) {
    const auto& sc = content(call);
    cookie_.clear();
    try {
        post(call, vim::login(sc.session_manager, username_, password_), "logging in");
    } catch (const vim::VimError& e) {
        if (e.fault().type != "InvalidLogin") throw;
        throw ProviderError(TP_ERR_DENIED,
                            "vCenter refused the login of '" + username_ +
                                "': check /username and /password",
                            "/password", "InvalidLogin");
    }
    if (cookie_.empty()) {
        throw ProviderError(TP_ERR_INTERNAL, "vCenter accepted the login but set no session cookie");
    }
    sdk::host().log(TP_LOG_INFO, "logged in to " + url_ + " as " + username_, call);
}

Answer SoapSession::call(const sdk::Call& call, const std::string& request,
                         std::string_view what) {
    if (cookie_.empty()) login(call);
    try {
        return post(call, request, what);
    } catch (const vim::VimError& e) {
        if (e.fault().type != "NotAuthenticated") throw;
        // The session expired (idle timeout, vCenter restart): log in again, retry once.
        sdk::host().log(TP_LOG_INFO, "vCenter session expired; logging in again", call);
        login(call);
        return post(call, request, what);
    }
}

sdk::HttpResponse SoapSession::transfer(const sdk::Call& call, std::string_view method,
                                        const std::string& url, std::string body) {
    sdk::HttpRequest req;
    req.method = std::string(method);
    req.url = url;
    req.verify_tls = verify_tls_;
    req.ca_file = ca_file_;
    req.body = std::move(body);
    if (req.method == "PUT") req.headers = {{"Content-Type", "application/octet-stream"}};
    return send(req, call);
}

void SoapSession::logout() {
    if (cookie_.empty() || !content_) return;
    try {
        post(sdk::Call(), vim::logout(content_->session_manager), "logging out");
    } catch (...) {
        // Closing must not fail: an unreachable vCenter drops the session on its own timeout.
    }
    cookie_.clear();
}

}  // namespace tidepool::vsphere
