// GET /api/v1/openapi.json: the API's own description, exactly as docs/api/openapi.json has it.
#include "daemon/api_context.h"
#include "daemon/openapi_document.h"
#include "http/response.h"

namespace tidepool::daemon {

void add_openapi_route(http::Router& router) {
    router.add_sync("GET", "/api/v1/openapi.json", [](const http::Request&) {
        return http::json_response(200, std::string(openapi_document()));
    });
}

}  // namespace tidepool::daemon
