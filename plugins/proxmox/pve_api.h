// The Proxmox VE REST API as the plugin uses it: https://HOST/api2/json<path>, an API-token
// Authorization header, parameters in the query (GET, DELETE) or a form body (POST, PUT), and
// JSON answers {"data": ...}. Failures become ProviderErrors in the ABI's classes.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <tidepool/sdk/sdk.hpp>

#include "form.h"
#include "proxmox_config.h"

namespace tidepool::proxmox {

struct ApiAnswer {
    int32_t status = 0;
    rapidjson::Document body;  // Null when the body was not JSON

    bool ok() const { return status >= 200 && status < 300; }
    // body["data"], or Null.
    const rapidjson::Value& data() const;
};

// The ProviderError for a non-2xx answer to `what` ("POST /nodes/pve/qemu/100/clone"). Proxmox
// puts its reason in the HTTP status line, which the host does not pass on, so the class comes
// from the status code and the text from the body's "message"/"errors" when present.
sdk::ProviderError classify_failure(const ApiAnswer& answer, const std::string& what);

class PveApi {
public:
    explicit PveApi(const ProxmoxConfig& config);

    // One request; any HTTP status is an answer. Transport failures throw (a TLS refusal with
    // verify_ssl on names /verify_ssl and /ca_file as the fix).
    ApiAnswer send(const sdk::Call& call, std::string_view method, const std::string& path,
                   const Params& params = {}) const;
    // Like send, but a non-2xx answer throws classify_failure's error; returns the answer.
    ApiAnswer expect(const sdk::Call& call, std::string_view method, const std::string& path,
                     const Params& params = {}) const;

private:
    std::string base_url_;
    std::string authorization_;
    bool verify_ssl_;
    std::string ca_file_;
};

// "/nodes/{node}/qemu/{vmid}" + suffix, with the node percent-encoded.
std::string vm_path(std::string_view node, int64_t vmid, std::string_view suffix = "");

}  // namespace tidepool::proxmox
