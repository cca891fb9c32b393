// The HTTP the host performs for plugins ("tidepool.http/1"). The daemon uses libcurl; tests
// substitute a fake by implementing HttpClient.
#pragma once

#include <cstdint>
#include <memory>

#include <tidepool/svc/http.h>

#include "plugins/clock.h"

namespace tidepool::plugins {

class HttpClient {
public:
    virtual ~HttpClient() = default;
    // Same contract as tp_http_svc.send: TP_OK once any response arrived; otherwise
    // TP_ERR_UNAVAILABLE / TP_ERR_TIMEOUT / TP_ERR_CANCELLED / TP_ERR_INVALID_CONFIG with err
    // filled. Must not throw.
    virtual int32_t send(const tp_call_ctx* call, const tp_http_request& request,
                         const tp_http_response_sink& sink, tp_error* err) noexcept = 0;
};

// libcurl-backed client. `clock` measures the call's deadline (virtual under the simulator).
std::shared_ptr<HttpClient> make_curl_http_client(std::shared_ptr<Clock> clock);

}  // namespace tidepool::plugins
