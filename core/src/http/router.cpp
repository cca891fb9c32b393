#include "http/router.h"

#include <algorithm>
#include <exception>
#include <memory>
#include <set>
#include <stdexcept>

#include "http/url.h"

namespace tidepool::http {
namespace {

bool is_param(std::string_view segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// "/a/b" → {"a","b"}; "/" → {}. A trailing slash yields a final empty segment, so "/a/" does
// not match "/a": one spelling per resource keeps the route table and its docs honest.
std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> out;
    if (path == "/") return out;
    std::size_t start = 1;
    while (true) {
        auto slash = path.find('/', start);
        out.push_back(path.substr(start, slash - start));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return out;
}

std::vector<std::string> parse_pattern(const std::string& pattern) {
    if (pattern.empty() || pattern.front() != '/')
        throw std::invalid_argument("route pattern must start with '/': " + pattern);
    std::vector<std::string> segments;
    for (auto segment : split_path(pattern)) {
        bool braces = segment.find_first_of("{}") != std::string_view::npos;
        if (segment.empty() || (braces && !is_param(segment)))
            throw std::invalid_argument("malformed route pattern: " + pattern);
        segments.emplace_back(segment);
    }
    return segments;
}

// Specificity for choosing between matches: literal segments outrank parameters, left first.
std::vector<bool> literal_mask(const std::vector<std::string>& segments) {
    std::vector<bool> mask;
    for (const auto& s : segments) mask.push_back(!is_param(s));
    return mask;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
    auto segments = parse_pattern(pattern);
    for (const auto& r : routes_) {
        if (r.method == method && r.pattern == pattern)
            throw std::invalid_argument("duplicate route: " + method + " " + pattern);
    }
    routes_.push_back(Route{std::move(method), std::move(pattern), std::move(segments),
                            std::move(handler), options});
}

void Router::add_sync(std::string method, std::string pattern, SyncHandler handler,
                      RouteOptions options) {
    add(std::move(method), std::move(pattern),
        [h = std::move(handler)](const Request& request, Responder responder) {
            responder.send(h(request));
        },
        options);
}

std::vector<RouteInfo> Router::routes() const {
    std::vector<RouteInfo> out;
    for (const auto& r : routes_) out.push_back({r.method, r.pattern});
    return out;
}

Router::Match Router::match(std::string_view method, std::string_view raw_path) const {
    Match m;
    auto parts = split_path(raw_path);
    const Route* best = nullptr;
    std::vector<bool> best_mask;
    std::set<std::string> allowed;
    for (const auto& r : routes_) {
        if (r.segments.size() != parts.size()) continue;
        bool fits = true;
        for (std::size_t i = 0; i < parts.size() && fits; ++i) {
            fits = is_param(r.segments[i]) ? !parts[i].empty() : r.segments[i] == parts[i];
        }
        if (!fits) continue;
        allowed.insert(r.method);
        if (r.method != method) continue;
        auto mask = literal_mask(r.segments);
        if (!best || mask > best_mask) {
            best = &r;
            best_mask = std::move(mask);
        }
    }
    if (!best) {
        if (allowed.empty()) return m;
        m.kind = Match::Kind::method_not_allowed;
        for (const auto& a : allowed) m.allow += (m.allow.empty() ? "" : ", ") + a;
        return m;
    }
    m.kind = Match::Kind::found;
    m.handler = &best->handler;
    m.options = &best->options;
    m.pattern = best->pattern;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const auto& s = best->segments[i];
        if (!is_param(s)) continue;
        // Decode per segment so an id containing an encoded '/' (%2F) stays one parameter.
        auto value = percent_decode(parts[i], false);
        m.params[s.substr(1, s.size() - 2)] = value ? std::move(*value) : std::string(parts[i]);
    }
    return m;
}

void Router::dispatch(Request request, Responder responder) const {
    auto raw_path = std::string_view(request.target).substr(0, request.target.find('?'));
    Match m = match(request.method, raw_path);
    request.route = m.pattern;
    if (async_guard_) {
        auto pending = std::make_shared<Request>(request);
        async_guard_(*pending, [this, pending, responder, m = std::move(m)](
                                   std::optional<Response> refusal) mutable {
            if (refusal) responder.send(std::move(*refusal));
            else run_matched(std::move(*pending), responder, std::move(m));
        });
        return;
    }
    if (guard_) {
        if (auto refusal = guard_(request)) {
            responder.send(std::move(*refusal));
            return;
        }
    }
    run_matched(std::move(request), responder, std::move(m));
}

void Router::run_matched(Request request, Responder responder, Match m) const {
    if (m.kind == Match::Kind::not_found) {
        responder.send(error_response(
            make_error(ErrorCode::not_found, "no such endpoint: " + request.path)));
        return;
    }
    if (m.kind == Match::Kind::method_not_allowed) {
        Response r = error_response(make_error(
            ErrorCode::invalid, request.method + " is not allowed on " + request.path +
                                    "; allowed: " + m.allow));
        r.status = 405;
        r.headers.set("Allow", m.allow);
        responder.send(std::move(r));
        return;
    }
    request.path_params = std::move(m.params);
    try {
        (*m.handler)(request, responder);
    } catch (const std::exception& e) {
        responder.send(error_response(
            make_error(ErrorCode::internal, std::string("handler failed: ") + e.what())));
    } catch (...) {
        responder.send(error_response(make_error(ErrorCode::internal, "handler failed")));
    }
}

}  // namespace tidepool::http
