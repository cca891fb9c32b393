// SseReader: turns a text/event-stream byte stream into events, per the WHATWG rules the CLI
// needs: `event:`, `id:` and `data:` fields (several data lines join with "\n"), comments
// (": …", e.g. heartbeats) ignored, an event dispatched at each blank line, LF or CRLF line
// ends. Chunks may split anywhere, even inside a line. Pure; table-tested.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tidepool::cli {

struct SseEvent {
    std::string event;  // "message" when the stream named none
    std::string id;     // the last id seen on the stream ("" if none yet)
    std::string data;
};

class SseReader {
public:
    // Feeds bytes; returns the events completed by them, in order.
    std::vector<SseEvent> feed(std::string_view chunk);
    // The stream's last event id (for Last-Event-ID on reconnect).
    const std::string& last_id() const { return last_id_; }

private:
    void line(std::string_view text, std::vector<SseEvent>& out);
    std::string partial_;  // an unfinished line
    std::string event_, data_, last_id_;
    bool has_data_ = false;
};

}  // namespace tidepool::cli
