#include "cli/watch_view.h"

#include <algorithm>
#include <tuple>

#include <rapidjson/document.h>

#include "cli/format.h"

namespace tidepool::cli {
namespace {

// ANSI: cursor up N lines, to column 1, clear to the end of the screen.
std::string erase_lines(int n) {
    return n > 0 ? "\033[" + std::to_string(n) + "A\r\033[J" : "\r\033[J";
}

std::string text_of(const rapidjson::Value& doc, const char* name) {
    const auto* v = member(doc, name);
    return v && v->IsString() ? v->GetString() : "";
}

int int_of(const rapidjson::Value& doc, const char* name, int fallback) {
    const auto* v = member(doc, name);
    return v && v->IsInt() ? v->GetInt() : fallback;
}

}  // namespace

WatchView::WatchView(std::ostream& out, Mode mode, Clock now)
    : out_(out), mode_(mode), now_(std::move(now)) {}

std::string WatchView::line_for(std::string_view kind, const std::string& data) {
    rapidjson::Document doc;
    if (doc.Parse(data.c_str()).HasParseError() || !doc.IsObject())
        return std::string(kind) + " " + data;
    std::string line = text_of(doc, "at");
    line += (line.empty() ? "" : " ") + std::string(kind);
    for (const char* key : {"pool_id", "session_id", "machine_id"}) {
        auto value = text_of(doc, key);
        std::string label(key);
        if (!value.empty()) line += " " + label.substr(0, label.size() - 3) + "=" + value;
    }
    if (int position = int_of(doc, "queue_position", 0); position > 0)
        line += " position=" + std::to_string(position);
    if (int eta = int_of(doc, "eta_s", -1); eta >= 0) line += " eta=" + duration_text(eta);
    if (auto message = text_of(doc, "message"); !message.empty()) line += " " + message;
    return line;
}

void WatchView::track(std::string_view kind, const std::string& data) {
    rapidjson::Document doc;
    if (doc.Parse(data.c_str()).HasParseError() || !doc.IsObject()) return;
    auto id = text_of(doc, "session_id");
    if (id.empty()) return;
    if (kind == "session_queued" || kind == "session_eta") {
        queued_[id] = {text_of(doc, "pool_id"), int_of(doc, "queue_position", 0),
                       int_of(doc, "eta_s", -1), now_()};
    } else if (kind.rfind("session_", 0) == 0) {
        queued_.erase(id);  // placed, failed or ended: no longer waiting
    }
}

void WatchView::show(std::string_view kind, const std::string& data) {
    if (mode_ == Mode::json) {
        out_ << data << "\n" << std::flush;
        return;
    }
    if (mode_ == Mode::lines) {
        out_ << line_for(kind, data) << "\n" << std::flush;
        return;
    }
    track(kind, data);
    redraw(line_for(kind, data));
}

void WatchView::tick() {
    if (mode_ == Mode::live && !queued_.empty()) redraw("");
}

// Prints `new_line` above the block, then the block: one line per queued session, ordered by
// position, with the ETA less the time since it was announced.
void WatchView::redraw(const std::string& new_line) {
    std::string frame = erase_lines(block_lines_);
    if (!new_line.empty()) frame += new_line + "\n";
    std::vector<std::pair<std::string, Queued>> rows(queued_.begin(), queued_.end());
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        return std::tie(a.second.pool, a.second.position) < std::tie(b.second.pool, b.second.position);
    });
    block_lines_ = 0;
    if (!rows.empty()) {
        frame += "-- waiting --\n";
        ++block_lines_;
    }
    for (const auto& [id, q] : rows) {
        std::string eta = "unknown";
        if (q.eta_s >= 0) {
            auto gone = std::chrono::duration_cast<std::chrono::seconds>(now_() - q.heard).count();
            eta = gone >= q.eta_s ? "any moment" : duration_text(static_cast<double>(q.eta_s - gone));
        }
        frame += "  " + id + "  pool " + q.pool + "  #" + std::to_string(q.position) +
                 "  ETA " + eta + "\n";
        ++block_lines_;
    }
    out_ << frame << std::flush;
}

void WatchView::finish() { out_ << std::flush; }

}  // namespace tidepool::cli
