#include <doctest/doctest.h>

#include <rapidjson/document.h>

#include "daemon/readiness.h"

using tidepool::daemon::Readiness;

namespace {

rapidjson::Document body_of(const tidepool::http::Response& r) {
    rapidjson::Document doc;
    doc.Parse(r.body.c_str());
    return doc;
}

}  // namespace

TEST_CASE("readiness waits for the store, the plugins and the first reconciliation, in order") {
    Readiness readiness;
    bool reconciled = false;
    CHECK(readiness.waiting_for() == std::vector<std::string>{"store", "plugins", "first_reconcile"});
    readiness.mark_store_ready();
    readiness.mark_plugins_loaded();
    CHECK(readiness.waiting_for() == std::vector<std::string>{"first_reconcile"});  // not watched yet
    readiness.watch_reconcile([&reconciled] { return reconciled; });
    auto starting = readiness.probe();
    CHECK(starting.status == 503);
    CHECK(starting.headers.get("Retry-After") == std::optional<std::string_view>("1"));
    auto doc = body_of(starting);
    REQUIRE(doc.IsObject());
    CHECK_FALSE(doc["ready"].GetBool());
    REQUIRE(doc["waiting_for"].Size() == 1);
    CHECK(std::string(doc["waiting_for"][0].GetString()) == "first_reconcile");
    CHECK(doc.HasMember("message"));

    reconciled = true;
    auto ready = readiness.probe();
    CHECK(ready.status == 200);
    auto done = body_of(ready);
    CHECK(done["ready"].GetBool());
    CHECK(done["waiting_for"].Empty());
}
