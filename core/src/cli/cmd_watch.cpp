// `tidepool watch`: follows GET /api/v1/events. Three renderings: --json (one event object per
// line, for scripts), plain lines when stdout is not a terminal, and on a terminal a live view
// whose bottom block lists queued sessions with their position and an ETA counting down
// between updates. A dropped stream is resumed with Last-Event-ID, so nothing is missed.
#include <map>

#include <rapidjson/document.h>

#include "cli/api_call.h"
#include "cli/api_client.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/format.h"
#include "cli/sse_reader.h"
#include "cli/watch_view.h"

namespace tidepool::cli {
namespace {

constexpr int kMaxReconnects = 30;  // one a second: a daemon restart fits, an outage does not

struct WatchLimits {
    long max_events = -1;  // --count
    std::optional<std::chrono::steady_clock::time_point> until;  // --for
    std::string since;     // --since: Last-Event-ID of the first connection
};

WatchLimits limits_of(Context& ctx) {
    WatchLimits l;
    if (auto n = ctx.option("--count")) l.max_events = std::stol(*n);
    if (auto s = ctx.option("--for"))
        l.until = ctx.env.now() + std::chrono::milliseconds(static_cast<long>(std::stod(*s) * 1000));
    l.since = ctx.option("--since").value_or("");
    return l;
}

// One connection: feeds events to the view until a limit is reached or the stream ends.
// Returns the reply (status and, for an error, its body) or a transport error.
Result<HttpReply> follow_once(Context& ctx, const std::string& path, SseReader& reader,
                              WatchView& view, const WatchLimits& limits, long& seen) {
    std::vector<std::string> headers;
    const std::string& last = reader.last_id().empty() ? limits.since : reader.last_id();
    if (!last.empty()) headers.push_back("Last-Event-ID: " + last);
    auto done = [&] {
        return (limits.max_events >= 0 && seen >= limits.max_events) ||
               (limits.until && ctx.env.now() >= *limits.until);
    };
    ApiClient::StreamCallbacks callbacks;
    callbacks.on_data = [&](std::string_view chunk) {
        for (const auto& e : reader.feed(chunk)) {
            view.show(e.event, e.data);
            if (e.event != "resync") ++seen;
            if (done()) return false;
        }
        return true;
    };
    callbacks.on_idle = [&] {
        view.tick();
        return !done();
    };
    return ctx.api.stream(path, headers, callbacks);
}

}  // namespace

int cmd_watch(Context& ctx) {
    const WatchLimits limits = limits_of(ctx);
    std::string path = "/api/v1/events";
    if (auto pool = ctx.option("--pool")) path += "?pool=" + url_encode(*pool);
    bool live = !ctx.json() && ctx.env.stdout_is_tty && ctx.env.stdout_is_tty();
    WatchView view(ctx.out, ctx.json() ? WatchView::Mode::json
                            : live     ? WatchView::Mode::live
                                       : WatchView::Mode::lines,
                   ctx.env.now);
    SseReader reader;
    long seen = 0;
    int failures = 0;
    while (true) {
        auto reply = follow_once(ctx, path, reader, view, limits, seen);
        if (!reply.ok()) {
            if (seen == 0 && reader.last_id().empty())
                return ctx.fail(kExitCannotConnect, reply.error().message);
            if (++failures > kMaxReconnects)
                return ctx.fail(kExitCannotConnect, "lost the event stream: " +
                                                        reply.error().message);
        } else if (reply->status < 200 || reply->status >= 300) {
            return ctx.fail(kExitApiError, api_error_message(reply->status, reply->body));
        } else {
            failures = 0;
        }
        bool over = (limits.max_events >= 0 && seen >= limits.max_events) ||
                    (limits.until && ctx.env.now() >= *limits.until);
        if (over) break;
        ctx.env.sleep(std::chrono::milliseconds(1000));  // then resume from the last id
    }
    view.finish();
    return kExitOk;
}

}  // namespace tidepool::cli
