// One logged-in vim25 session over the host's HTTP service: SOAP envelopes to
// https://<vcenter>:<port>/sdk with the vmware_soap_session cookie. Logs in on first use and
// once more when vCenter answers NotAuthenticated (sessions expire after idle time or a vCenter
// restart), and logs out when the client closes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <tidepool/sdk/call.hpp>
#include <tidepool/sdk/host.hpp>
#include <tidepool/sdk/xml/xml_document.h>

#include "vim_types.h"
#include "vsphere_config.h"

namespace tidepool::vsphere {

// A parsed answer: the document and its answer element (the child of soapenv:Body).
struct Answer {
    sdk::xml::XmlDocument doc;
    sdk::xml::XmlNode node;
};

class SoapSession {
public:
    explicit SoapSession(const VsphereConfig& config);
    ~SoapSession();
    SoapSession(const SoapSession&) = delete;
    SoapSession& operator=(const SoapSession&) = delete;

    // Sends one request element (from vim_requests.h). Throws vim::VimError for a fault,
    // ProviderError for transport failures. `what` names the step in error messages.
    Answer call(const sdk::Call& call, const std::string& request, std::string_view what);
    // The service content (fetched once per session).
    const vim::ServiceContent& content(const sdk::Call& call);
    // A plain HTTPS transfer (guest file upload/download) with the session's TLS settings.
    sdk::HttpResponse transfer(const sdk::Call& call, std::string_view method,
                               const std::string& url, std::string body = {});
    // Best effort: ends the session on the server; errors are ignored.
    void logout();

private:
    sdk::HttpResponse send(const sdk::HttpRequest& request, const sdk::Call& call);
    Answer post(const sdk::Call& call, const std::string& request, std::string_view what);
    void login(const sdk::Call& call);
    void remember_cookie(const sdk::HttpResponse& response);

    std::string url_;
    std::string username_;
    std::string password_;
    bool verify_tls_;
    std::string ca_file_;
    std::optional<vim::ServiceContent> content_;
    std::string cookie_;  // "vmware_soap_session=..."; empty when logged out
};

}  // namespace tidepool::vsphere
