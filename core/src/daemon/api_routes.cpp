// The whole REST API in one place: tidepoold and the route-coverage test (api.openapi) both
// build their router here, so the test checks exactly what the daemon serves.
#include "daemon/api_context.h"

namespace tidepool::daemon {

void add_api_routes(http::Router& router, ApiContext& ctx) {
    add_object_routes(router, ctx);
    add_machine_routes(router, ctx);
    add_agent_routes(router, ctx);
    add_schedule_routes(router, ctx);
    add_session_routes(router, ctx);
    add_system_routes(router, ctx);
    add_planning_routes(router, ctx);
    add_connection_routes(router, ctx);
    add_key_routes(router, ctx);
    add_openapi_route(router);
    add_metrics_route(router, ctx);
    add_event_routes(router, ctx);
}

}  // namespace tidepool::daemon
