// tidepool watch's renderings: plain lines, JSON lines, and the live view's countdown.
#include <doctest/doctest.h>

#include <sstream>

#include "cli/watch_view.h"

using tidepool::cli::WatchView;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kQueued =
    R"({"seq":4,"kind":"session_queued","at":"2026-03-02T09:00:00Z","pool_id":"desktops",)"
    R"("session_id":"ses-1","machine_id":"","queue_position":2,"eta_s":90,"message":""})";
const std::string kPlaced =
    R"({"seq":9,"kind":"session_placed","at":"2026-03-02T09:01:00Z","pool_id":"desktops",)"
    R"("session_id":"ses-1","machine_id":"srv-7","queue_position":0,"eta_s":-1,"message":""})";

}  // namespace

TEST_CASE("plain lines carry what matters and skip what does not apply") {
    CHECK(WatchView::line_for("session_queued", kQueued) ==
          "2026-03-02T09:00:00Z session_queued pool=desktops session=ses-1 position=2 eta=1m30s");
    CHECK(WatchView::line_for("session_placed", kPlaced) ==
          "2026-03-02T09:01:00Z session_placed pool=desktops session=ses-1 machine=srv-7");
    CHECK(WatchView::line_for("resync", "not json") == "resync not json");
}

TEST_CASE("json mode prints each event's data as one line") {
    std::ostringstream out;
    WatchView view(out, WatchView::Mode::json, [] { return Clock::time_point{}; });
    view.show("session_queued", kQueued);
    CHECK(out.str() == kQueued + "\n");
}

TEST_CASE("the live view counts the ETA down and drops a session once placed") {
    std::ostringstream out;
    Clock::time_point now{};
    WatchView view(out, WatchView::Mode::live, [&now] { return now; });
    view.show("session_queued", kQueued);
    CHECK(out.str().find("ses-1  pool desktops  #2  ETA 1m30s") != std::string::npos);
    out.str("");
    now += std::chrono::seconds(30);
    view.tick();
    // Redraws in place: up one block (header + one row), clear, then the countdown.
    CHECK(out.str().rfind("\033[2A\r\033[J", 0) == 0);
    CHECK(out.str().find("ETA 1m00s") != std::string::npos);
    now += std::chrono::seconds(120);
    view.tick();
    CHECK(out.str().find("ETA any moment") != std::string::npos);
    out.str("");
    view.show("session_placed", kPlaced);
    CHECK(out.str().find("session_placed") != std::string::npos);
    CHECK(out.str().find("-- waiting --") == std::string::npos);
}
