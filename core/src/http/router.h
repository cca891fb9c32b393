// Router: maps (method, path) to a handler. Patterns are literal segments and "{name}"
// segments (one whole path segment, percent-decoded, never empty), e.g.
// "/api/v1/pools/{id}/decisions". A literal segment beats a parameter at the same position, so
// "/api/v1/plugins/reload" wins over "/api/v1/plugins/{id}" whatever the registration order.
//
// Build the router fully before handing it to HttpServer; it is read-only (and so thread-safe)
// while serving.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.h"
#include "http/responder.h"
#include "http/response.h"

namespace tidepool::http {

// Runs on a server thread: must not block. Answer through the Responder, now or later.
using Handler = std::function<void(const Request&, Responder)>;
// Convenience for handlers that answer at once.
using SyncHandler = std::function<Response(const Request&)>;

struct RouteOptions {
    // Overrides the server's body limit for this route (e.g. a larger one for config upload).
    std::optional<std::size_t> body_limit{};
};

// Runs before every request is answered (also before a 404/405, with Request::route empty),
// on a server thread. Returns the response to send instead (e.g. 401/403), or nullopt to let
// the request through. Authentication lives here so no route can forget it.
using Guard = std::function<std::optional<Response>(const Request&)>;
// A guard that may take its time (e.g. a password hash on another thread): it must call
// `decide` exactly once, from any thread, with the refusal or nullopt. The request then goes
// on from that thread, so a guard that leaves the server threads should come back to one
// (post to the server's io_context) before deciding.
using Decision = std::function<void(std::optional<Response>)>;
using AsyncGuard = std::function<void(const Request&, Decision decide)>;

struct RouteInfo {
    std::string method;
    std::string pattern;
};

class Router {
public:
    // Registers a route. Throws std::invalid_argument on a malformed pattern or a duplicate
    // (method, pattern): both are programming errors found at startup, not at request time.
    void add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});
    void add_sync(std::string method, std::string pattern, SyncHandler handler,
                  RouteOptions options = {});

    // Installs the guard (at most one; the last call wins).
    void set_guard(Guard guard) { guard_ = std::move(guard); }
    // Installs an asynchronous guard instead (at most one kind; the last call wins).
    void set_async_guard(AsyncGuard guard) { async_guard_ = std::move(guard); }

    // Every (method, pattern) in registration order — e.g. to check each one is documented.
    std::vector<RouteInfo> routes() const;

    struct Match {
        enum class Kind { found, not_found, method_not_allowed } kind = Kind::not_found;
        const Handler* handler = nullptr;
        const RouteOptions* options = nullptr;
        std::string pattern;
        std::map<std::string, std::string> params;
        std::string allow;  // for method_not_allowed: "GET, POST"
    };
    // Resolves a raw (still percent-encoded) path without its query; parameters are decoded.
    // Routes for the request's method win; 405 only when the path fits other methods alone.
    Match match(std::string_view method, std::string_view raw_path) const;

    // Answers a request completely: 404/405 error JSON when no route fits, else runs the
    // handler with path params filled in; a handler that throws gets a 500 error JSON.
    void dispatch(Request request, Responder responder) const;

private:
    // The rest of dispatch() once the guard has let the request through.
    void run_matched(Request request, Responder responder, Match match) const;

    struct Route {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments;  // "{name}" marks a parameter
        Handler handler;
        RouteOptions options;
    };
    std::vector<Route> routes_;
    Guard guard_;
    AsyncGuard async_guard_;
};

}  // namespace tidepool::http
