// GET /metrics: Prometheus text format 0.0.4 (see metrics_view.cpp for what is in it).
#include "daemon/api_context.h"
#include "daemon/metrics_view.h"
#include "metrics/exposition.h"

namespace tidepool::daemon {

void add_metrics_route(http::Router& router, ApiContext& ctx) {
    router.add("GET", "/metrics", on_strand(ctx, [&ctx](const http::Request&) {
        http::Response r;
        r.status = 200;
        r.body = render_metrics(ctx);
        r.content_type = metrics::kContentType;
        return r;
    }));
}

}  // namespace tidepool::daemon
