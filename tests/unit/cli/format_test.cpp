// Rendering for people: tables, cells, durations, key/value blocks and error lines.
#include <doctest/doctest.h>

#include <sstream>

#include "cli/api_client.h"
#include "cli/format.h"
#include "cli/table.h"

using namespace tidepool::cli;

namespace {

rapidjson::Document parse(const char* text) {
    rapidjson::Document d;
    d.Parse(text);
    REQUIRE_FALSE(d.HasParseError());
    return d;
}

}  // namespace

TEST_CASE("tables align columns, count UTF-8 code points and leave no trailing blanks") {
    Table t({"ID", "NAME", "KIND"});
    t.add_row({"p1", "Zoë's pool", "server"});
    t.add_row({"pool-22", "x", ""});
    CHECK(t.render() ==
          "ID       NAME        KIND\n"
          "p1       Zoë's pool  server\n"
          "pool-22  x\n");
    Table short_row({"A", "B"});
    short_row.add_row({"only"});
    CHECK(short_row.render() == "A     B\nonly\n");
}

TEST_CASE("cells render JSON values compactly") {
    auto d = parse(R"({"s":"x","i":3,"f":2.5,"whole":4.0,"n":null,"b":true,"a":["x","y"],
                       "e":[],"o":{"k":1}})");
    CHECK(cell(d, "s") == "x");
    CHECK(cell(d, "i") == "3");
    CHECK(cell(d, "f") == "2.5");
    CHECK(cell(d, "whole") == "4");
    CHECK(cell(d, "n") == "-");
    CHECK(cell(d, "missing") == "-");
    CHECK(cell(d, "b") == "true");
    CHECK(cell(d, "a") == "x,y");
    CHECK(cell(d, "e") == "-");
    CHECK(cell(d, "o") == "{\"k\":1}");
}

TEST_CASE("durations are short") {
    CHECK(duration_text(0) == "0s");
    CHECK(duration_text(45) == "45s");
    CHECK(duration_text(185) == "3m05s");
    CHECK(duration_text(7800) == "2h10m");
    CHECK(duration_text(93780) == "1d02h");
    CHECK(duration_text(-1) == "-");
}

TEST_CASE("key/value blocks align keys and inline nested objects") {
    auto d = parse(R"({"version":"1.2","uptime_s":93780,"servers":{"starting":1,"running":5}})");
    std::ostringstream out;
    print_key_values(out, d);
    CHECK(out.str() ==
          "version   1.2\n"
          "uptime_s  93780 (1d02h)\n"
          "servers   starting 1, running 5\n");
}

TEST_CASE("API error messages use the error JSON, its field, and hints") {
    CHECK(api_error_message(
              400, R"({"error":{"code":"invalid","message":"kind is bad","field":"/pools/0/kind"}})") ==
          "kind is bad (field /pools/0/kind)");
    CHECK(api_error_message(404, R"({"error":{"code":"not_found","message":"no pool p9"}})") ==
          "no pool p9");
    CHECK(api_error_message(401, R"({"error":{"code":"unauthenticated","message":"bad key"}})") ==
          "bad key (set --api-key-file or TIDEPOOL_API_KEY)");
    CHECK(api_error_message(502, "<html>Bad gateway</html>\nmore") ==
          "tidepoold answered HTTP 502: <html>Bad gateway</html>");
    CHECK(api_error_message(500, "") == "tidepoold answered HTTP 500");
}

TEST_CASE("pretty JSON and flat pairs") {
    CHECK(pretty_json(R"({"a":[1]})") == "{\n  \"a\": [\n    1\n  ]\n}");
    CHECK(pretty_json("not json") == "not json");
    auto d = parse(R"({"a":1,"b":{"c":2,"d":{"e":true}}})");
    CHECK(flat_pairs(d) == "a=1 b.c=2 b.d.e=true");
}

TEST_CASE("ids are percent-encoded in paths") {
    CHECK(url_encode("s-1_a.b~") == "s-1_a.b~");
    CHECK(url_encode("a/b c?") == "a%2Fb%20c%3F");
}
