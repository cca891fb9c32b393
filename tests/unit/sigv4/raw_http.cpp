#include "raw_http.h"

#include <stdexcept>

namespace tidepool::test {
namespace {

// Cuts the first line (without its '\n') off `rest`.
std::string_view take_line(std::string_view& rest) {
    const std::size_t newline = rest.find('\n');
    std::string_view line = rest.substr(0, newline);
    rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

void parse_request_line(std::string_view line, sdk::auth::HttpRequest& request) {
    const std::size_t first = line.find(' ');
    const std::size_t last = line.rfind(' ');
    if (first == std::string_view::npos || last == first) {
        throw std::runtime_error("bad request line: " + std::string(line));
    }
    request.method = std::string(line.substr(0, first));
    const std::string_view target = line.substr(first + 1, last - first - 1);
    const std::size_t question = target.find('?');
    request.path = std::string(target.substr(0, question));
    if (question != std::string_view::npos)
        request.query = std::string(target.substr(question + 1));
}

std::string request_line(const sdk::auth::HttpRequest& request) {
    std::string line = request.method + " " + request.path;
    if (!request.query.empty()) line += "?" + request.query;
    return line + " HTTP/1.1";
}

}  // namespace

sdk::auth::HttpRequest parse_raw_request(std::string_view text) {
    sdk::auth::HttpRequest request;
    std::string_view rest = text;
    parse_request_line(take_line(rest), request);
    while (!rest.empty()) {
        const std::string_view line = take_line(rest);
        if (line.empty()) {
            request.body = std::string(rest);
            break;
        }
        if (line.front() == ' ' || line.front() == '\t') {
            if (request.headers.empty()) throw std::runtime_error("continuation before header");
            request.headers.back().second.append("\n").append(line);
            continue;
        }
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) {
            throw std::runtime_error("header line without ':': " + std::string(line));
        }
        request.headers.emplace_back(std::string(line.substr(0, colon)),
                                     std::string(line.substr(colon + 1)));
    }
    return request;
}

std::string write_aws_c_auth_request(const sdk::auth::HttpRequest& request) {
    std::string out = request_line(request) + "\n";
    for (const auto& header : request.headers) {
        out += header.first + ":" + header.second + "\n";
    }
    return out + "\n" + request.body;
}

std::string write_botocore_request(const sdk::auth::HttpRequest& request) {
    std::string out = request_line(request);
    for (const auto& header : request.headers) {
        const bool authorization = header.first == "Authorization";
        out += "\n" + header.first + (authorization ? ": " : ":") + header.second;
    }
    if (!request.body.empty()) out += "\n\n" + request.body;
    return out;
}

}  // namespace tidepool::test
