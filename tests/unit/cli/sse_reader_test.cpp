#include <doctest/doctest.h>

#include "cli/sse_reader.h"

using tidepool::cli::SseEvent;
using tidepool::cli::SseReader;

TEST_CASE("events are dispatched at blank lines, whatever the chunking") {
    const std::string stream =
        ": heartbeat\n"
        "event: session_queued\nid: 7\ndata: {\"a\":1}\n\n"
        "data: line one\r\ndata: line two\r\n\r\n"
        "event: decision\ndata:no-space\nretry: 5\nfoo: bar\n\n"
        "id: 9\n\n";  // an id alone dispatches nothing but is remembered
    for (std::size_t chunk = 1; chunk <= stream.size(); ++chunk) {
        SseReader reader;
        std::vector<SseEvent> events;
        for (std::size_t i = 0; i < stream.size(); i += chunk) {
            auto got = reader.feed(std::string_view(stream).substr(i, chunk));
            events.insert(events.end(), got.begin(), got.end());
        }
        CAPTURE(chunk);
        REQUIRE(events.size() == 3);
        CHECK(events[0].event == "session_queued");
        CHECK(events[0].id == "7");
        CHECK(events[0].data == "{\"a\":1}");
        CHECK(events[1].event == "message");
        CHECK(events[1].data == "line one\nline two");
        CHECK(events[1].id == "7");  // the id carries over until a new one
        CHECK(events[2].event == "decision");
        CHECK(events[2].data == "no-space");
        CHECK(reader.last_id() == "9");
    }
}

TEST_CASE("an unfinished event is not dispatched") {
    SseReader reader;
    CHECK(reader.feed("event: x\ndata: 1\n").empty());
    CHECK(reader.feed("\n").size() == 1);
}
