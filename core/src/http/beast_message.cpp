#include "http/beast_message.h"

#include "http/request_id.h"
#include "http/url.h"

namespace tidepool::http::detail {

namespace bhttp = boost::beast::http;

namespace {

// A CR or LF in a header value would let a value smuggle in extra headers (response
// splitting); handlers may echo user input into headers, so drop them here once.
std::string header_safe(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        if (c != '\r' && c != '\n') out.push_back(c);
    }
    return out;
}

}  // namespace

std::optional<Request> request_from_head(const BeastRequest& head) {
    Request r;
    auto method = head.method_string();
    auto target_text = head.target();
    r.method.assign(method.data(), method.size());
    r.target.assign(target_text.data(), target_text.size());
    auto target = parse_target(r.target);
    if (!target) return std::nullopt;
    r.path = std::move(target->path);
    r.query = std::move(target->query);
    for (const auto& field : head) {
        auto name = field.name_string();
        auto value = field.value();
        r.headers.append(std::string(name.data(), name.size()),
                         std::string_view(value.data(), value.size()));
    }
    return r;
}

std::string pick_request_id(const Request& request) {
    auto given = request.headers.get("X-Request-Id");
    if (given && acceptable_request_id(*given)) return std::string(*given);
    return generate_request_id();
}

BeastResponse to_beast(Response response, const std::string& request_id, bool keep_alive,
                       unsigned version) {
    BeastResponse out{static_cast<bhttp::status>(response.status), version};
    for (const auto& [name, value] : response.headers) {
        out.set(header_safe(name), header_safe(value));
    }
    if (!response.body.empty() && !response.content_type.empty()) {
        out.set(bhttp::field::content_type, response.content_type);
    }
    out.set("X-Request-Id", request_id);
    out.body() = std::move(response.body);
    out.keep_alive(keep_alive);
    out.prepare_payload();
    return out;
}

std::string event_stream_head(const Response& head, const std::string& request_id) {
    int status = head.status;
    std::string out = "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) + "\r\n";
    Headers fields = head.headers;
    fields.set("Content-Type", "text/event-stream");
    fields.set("Cache-Control", "no-cache");
    fields.set("X-Accel-Buffering", "no");  // tell nginx-style proxies not to buffer events
    fields.set("Connection", "close");
    fields.set("X-Request-Id", request_id);
    for (const auto& [name, value] : fields) {
        out.append(header_safe(name)).append(": ").append(header_safe(value)) += "\r\n";
    }
    out += "\r\n";
    return out;
}

}  // namespace tidepool::http::detail
