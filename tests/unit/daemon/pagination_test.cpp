#include <doctest/doctest.h>

#include "daemon/pagination.h"

using namespace tidepool;
using namespace tidepool::daemon;

namespace {

http::Request with_query(std::map<std::string, std::string> query) {
    http::Request r;
    r.query = std::move(query);
    return r;
}

}  // namespace

TEST_CASE("limit and cursor are read, bad ones refused with their pointer") {
    struct Row {
        std::map<std::string, std::string> query;
        const char* field;  // "" = accepted
    };
    const Row rows[] = {
        {{}, ""},
        {{{"limit", "1"}}, ""},
        {{{"limit", "1000"}}, ""},
        {{{"limit", "0"}}, "/query/limit"},
        {{{"limit", "1001"}}, "/query/limit"},
        {{{"limit", "-5"}}, "/query/limit"},
        {{{"limit", "ten"}}, "/query/limit"},
        {{{"limit", "99999999999999999999"}}, "/query/limit"},
        {{{"cursor", encode_cursor("web")}}, ""},
        {{{"cursor", "zz"}}, "/query/cursor"},
        {{{"cursor", "abc"}}, "/query/cursor"},
        {{{"pool", "web"}}, ""},
        {{{"pol", "web"}}, "/query/pol"},
    };
    for (const auto& row : rows) {
        auto page = parse_page(with_query(row.query), {"pool"});
        CAPTURE(row.field);
        if (std::string(row.field).empty()) {
            CHECK(page.ok());
        } else {
            REQUIRE_FALSE(page.ok());
            CHECK(page.error().field == row.field);
            CHECK(page.error().code == ErrorCode::invalid);
        }
    }
    CHECK(parse_page(with_query({}), {})->limit == kDefaultPageLimit);
    CHECK(parse_page(with_query({{"cursor", encode_cursor("a/b")}}), {})->after == "a/b");
}

TEST_CASE("cursors round-trip any key, and only what encode_cursor made decodes") {
    for (std::string key : {std::string("a"), std::string("web-01"), std::string("ünï"),
                            std::string("\0x", 2), std::string("\"}")})
        CHECK(decode_cursor(encode_cursor(key)) == key);
    CHECK_FALSE(decode_cursor(""));
    CHECK_FALSE(decode_cursor("ABCD"));  // upper case is not ours
}

TEST_CASE("slices walk the whole list exactly once, in order") {
    std::vector<std::string> keys{"a", "b", "c", "d", "e"};
    for (std::size_t limit = 1; limit <= 6; ++limit) {
        PageRequest page{limit, std::nullopt};
        std::vector<std::string> walked;
        for (int guard = 0; guard < 10; ++guard) {
            auto s = slice_ascending(keys, page);
            for (auto i = s.begin; i < s.end; ++i) walked.push_back(keys[i]);
            if (!s.next_cursor) break;
            page.after = decode_cursor(*s.next_cursor);
        }
        CAPTURE(limit);
        CHECK(walked == keys);
    }
}

TEST_CASE("a cursor past a deleted key still continues after it") {
    std::vector<std::string> keys{"a", "c", "d"};  // "b" was deleted between pages
    auto s = slice_ascending(keys, {2, std::string("b")});
    CHECK(s.begin == 1);
    CHECK(s.end == 3);
    CHECK_FALSE(s.next_cursor);
}

TEST_CASE("the envelope gains next_cursor") {
    CHECK(with_next_cursor("{\"items\":[]}", std::nullopt) == "{\"items\":[],\"next_cursor\":null}");
    CHECK(with_next_cursor("{\"items\":[1]}", std::string("6162")) ==
          "{\"items\":[1],\"next_cursor\":\"6162\"}");
}
