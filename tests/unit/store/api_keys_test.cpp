// API key records: round trip, revocation as an update, listing in creation order, durability.
#include "support.h"

using namespace tidepool;
using namespace tidepool::store;
using namespace tidepool::store::test;

TEST_CASE("api key records round trip and survive reopening") {
    TempDir dir;
    const auto path = dir.file("db.sqlite");
    const auto t1 = model::from_unix(1700000000);
    const auto t2 = model::from_unix(1700000100);
    {
        auto store = open_store(path);
        REQUIRE_OK(store->put_api_key({"key-b", "second", "broker", "s2", "h2", 10, t2, {}}));
        REQUIRE_OK(store->put_api_key({"key-a", "first", "admin", "s1", "h1", 100000, t1, {}}));
        auto keys = store->list_api_keys();
        REQUIRE(keys.ok());
        REQUIRE(keys->size() == 2);
        CHECK((*keys)[0].id == "key-a");  // oldest first
        auto revoked = store->get_api_key("key-b").value();
        revoked.revoked_at = t2 + std::chrono::seconds(5);
        REQUIRE_OK(store->put_api_key(revoked));
        CHECK(store->get_api_key("key-x").error().code == ErrorCode::not_found);
    }
    auto store = open_store(path);
    auto a = store->get_api_key("key-a");
    REQUIRE(a.ok());
    CHECK(a->name == "first");
    CHECK(a->role == "admin");
    CHECK(a->salt_hex == "s1");
    CHECK(a->hash_hex == "h1");
    CHECK(a->iterations == 100000);
    CHECK(a->created_at == t1);
    CHECK(a->revoked_at == model::Instant{});
    CHECK(store->get_api_key("key-b")->revoked_at == t2 + std::chrono::seconds(5));
}
