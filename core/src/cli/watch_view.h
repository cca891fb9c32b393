// How `tidepool watch` shows events: JSON lines, plain lines, or a live terminal view whose
// bottom block lists queued sessions and counts their ETA down between updates.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <string_view>

namespace tidepool::cli {

class WatchView {
public:
    enum class Mode { json, lines, live };
    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    WatchView(std::ostream& out, Mode mode, Clock now);
    // One event from the stream: its SSE event name and JSON data.
    void show(std::string_view kind, const std::string& data);
    // About once a second while the stream is quiet: redraws the countdown (live mode).
    void tick();
    // Leaves the terminal tidy (live mode: the queue block stays as last drawn).
    void finish();

    // One event as a plain line: "<at> <kind> pool=… session=… position=… eta=… <message>".
    static std::string line_for(std::string_view kind, const std::string& data);

private:
    struct Queued {
        std::string pool;
        int position = 0;
        int eta_s = -1;  // as of `heard`
        std::chrono::steady_clock::time_point heard;
    };
    void track(std::string_view kind, const std::string& data);
    void redraw(const std::string& new_line);

    std::ostream& out_;
    Mode mode_;
    Clock now_;
    std::map<std::string, Queued> queued_;  // session id → where it stands
    int block_lines_ = 0;                   // lines of the queue block on screen now
};

}  // namespace tidepool::cli
