#include "http/request.h"

namespace tidepool::http {

std::string_view Request::param(std::string_view name) const {
    auto it = path_params.find(std::string(name));
    return it == path_params.end() ? std::string_view{} : std::string_view(it->second);
}

std::optional<std::string_view> Request::query_param(std::string_view name) const {
    auto it = query.find(std::string(name));
    if (it == query.end()) return std::nullopt;
    return std::string_view(it->second);
}

}  // namespace tidepool::http
