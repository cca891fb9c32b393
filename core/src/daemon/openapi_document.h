// The OpenAPI 3 document of the REST API (docs/api/openapi.json, embedded at build time by
// cmake/EmbedText.cmake so the served copy can never drift from the file).
#pragma once

#include <string_view>

namespace tidepool::daemon {

std::string_view openapi_document();

}  // namespace tidepool::daemon
