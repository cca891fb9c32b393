#include "http/response.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace tidepool::http {

Response json_response(int status, std::string body) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    r.content_type = "application/json";
    return r;
}

Response text_response(int status, std::string body) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    r.content_type = "text/plain; charset=utf-8";
    return r;
}

int http_status(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid: return 400;
        case ErrorCode::unauthenticated: return 401;
        case ErrorCode::denied: return 403;
        case ErrorCode::not_found: return 404;
        case ErrorCode::conflict: return 409;
        case ErrorCode::too_large: return 413;
        case ErrorCode::capacity: return 503;
        case ErrorCode::unavailable: return 503;
        case ErrorCode::timeout: return 504;
        case ErrorCode::cancelled: return 503;
        case ErrorCode::internal: return 500;
    }
    return 500;
}

Response error_response(const Error& error) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("error");
    w.StartObject();
    w.Key("code");
    w.String(to_string(error.code));
    w.Key("message");
    w.String(error.message);
    if (!error.field.empty()) {
        w.Key("field");
        w.String(error.field);
    }
    w.EndObject();
    w.EndObject();
    Response r = json_response(http_status(error.code), buffer.GetString());
    // RFC 9110 §15.5.2: a 401 must say which scheme would work.
    if (error.code == ErrorCode::unauthenticated) r.headers.set("WWW-Authenticate", "Bearer");
    return r;
}

const char* reason_phrase(int status) {
    switch (status) {
        case 200: return "OK";
        case 201: return "Created";
        case 202: return "Accepted";
        case 204: return "No Content";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 408: return "Request Timeout";
        case 409: return "Conflict";
        case 413: return "Content Too Large";
        case 429: return "Too Many Requests";
        case 431: return "Request Header Fields Too Large";
        case 500: return "Internal Server Error";
        case 503: return "Service Unavailable";
        case 504: return "Gateway Timeout";
        default: return "";
    }
}

}  // namespace tidepool::http
