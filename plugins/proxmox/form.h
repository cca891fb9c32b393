// Percent-encoding for Proxmox requests: query strings (GET, DELETE), form bodies
// (application/x-www-form-urlencoded for POST and PUT) and path segments such as UPIDs.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tidepool::proxmox {

// Ordered name/value pairs; a name may repeat (array parameters such as agent/exec's command).
using Params = std::vector<std::pair<std::string, std::string>>;

// Encodes every byte except RFC 3986 unreserved characters.
std::string percent_encode(std::string_view text);
// Decodes %XX escapes (and '+' as space when plus_is_space); malformed escapes stay as they are.
std::string percent_decode(std::string_view text, bool plus_is_space = false);
// "a=1&b=x%20y"
std::string form_encode(const Params& params);

}  // namespace tidepool::proxmox
