#include "daemon/logging.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>
#include <iostream>

#include "model/json_codec.h"

namespace tidepool::daemon {
namespace {

std::string timestamp() {
    using namespace std::chrono;
    auto now = time_point_cast<milliseconds>(system_clock::now());
    auto secs = time_point_cast<seconds>(now);
    auto text = model::format_instant(secs);  // "YYYY-MM-DDTHH:MM:SSZ"
    auto ms = std::to_string((now - secs).count() + 1000).substr(1);
    return text.substr(0, text.size() - 1) + "." + ms + "Z";
}

}  // namespace

void Logger::log(const std::string& level, const std::string& message,
                 const std::string& request_id, const std::string& call_id) {
    rapidjson::StringBuffer b;
    rapidjson::Writer<rapidjson::StringBuffer> w(b);
    w.StartObject();
    w.Key("ts");
    w.String(timestamp());
    w.Key("level");
    w.String(level);
    w.Key("msg");
    w.String(message);
    if (!request_id.empty()) {
        w.Key("request_id");
        w.String(request_id);
    }
    if (!call_id.empty()) {
        w.Key("call_id");
        w.String(call_id);
    }
    w.EndObject();
    write_line(b.GetString());
}

void Logger::access(const http::AccessLogEntry& e) {
    rapidjson::StringBuffer b;
    rapidjson::Writer<rapidjson::StringBuffer> w(b);
    w.StartObject();
    w.Key("ts");
    w.String(timestamp());
    w.Key("level");
    w.String("info");
    w.Key("msg");
    w.String("http");
    w.Key("method");
    w.String(e.method);
    w.Key("path");  // never the query: it may carry a check-in token
    w.String(e.path);
    w.Key("status");
    w.Int(e.status);
    w.Key("duration_us");
    w.Int64(e.duration.count());
    w.Key("request_id");
    w.String(e.request_id);
    w.Key("remote");
    w.String(e.remote_address);
    w.EndObject();
    write_line(b.GetString());
}

void Logger::write_line(const std::string& line) {
    std::lock_guard lock(mu_);
    std::cerr << line << '\n';
    std::cerr.flush();
}

}  // namespace tidepool::daemon
