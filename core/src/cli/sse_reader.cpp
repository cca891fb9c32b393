#include "cli/sse_reader.h"

namespace tidepool::cli {

std::vector<SseEvent> SseReader::feed(std::string_view chunk) {
    std::vector<SseEvent> out;
    partial_.append(chunk);
    std::size_t start = 0;
    while (true) {
        auto lf = partial_.find('\n', start);
        if (lf == std::string::npos) break;
        std::string_view text(partial_.data() + start, lf - start);
        if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
        line(text, out);
        start = lf + 1;
    }
    partial_.erase(0, start);
    return out;
}

void SseReader::line(std::string_view text, std::vector<SseEvent>& out) {
    if (text.empty()) {  // dispatch
        if (has_data_) out.push_back({event_.empty() ? "message" : event_, last_id_, data_});
        event_.clear();
        data_.clear();
        has_data_ = false;
        return;
    }
    if (text.front() == ':') return;  // comment (heartbeat)
    auto colon = text.find(':');
    std::string_view field = text.substr(0, colon);
    std::string_view value = colon == std::string_view::npos ? "" : text.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (field == "event") {
        event_ = value;
    } else if (field == "data") {
        if (has_data_) data_ += '\n';
        data_ += value;
        has_data_ = true;
    } else if (field == "id" && value.find('\0') == std::string_view::npos) {
        last_id_ = value;
    }  // "retry" and unknown fields are ignored, as the standard says
}

}  // namespace tidepool::cli
