// Applying a config bundle: all or nothing, references checked against the store too.
#include "store/config_apply.h"

#include "support.h"

using namespace tidepool;
using namespace tidepool::store;
using namespace tidepool::store::test;

namespace {

model::ConfigBundle bundle_of(const char* text) {
    auto bundle = model::parse_config_bundle_text(text);
    REQUIRE_MESSAGE(bundle.ok(), bundle.error().message);
    return std::move(bundle).value();
}

}  // namespace

TEST_CASE("a bundle is written whole, and may refer to stored objects") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    REQUIRE_OK(store->put_provider_config(provider("stored-vm")));
    REQUIRE_OK(apply_config_bundle(*store, bundle_of(R"({
        "zones": [{"id": "eu"}],
        "pools": [{"id": "web"}],
        "autoscale_configs": [{"id": "web-a", "pool_id": "web", "zone_id": "eu",
                               "vm_provider_id": "stored-vm"}]})")));
    CHECK(store->get_autoscale_config("web-a")->zone_id == "eu");

    auto known = load_known_ids(*store);
    REQUIRE(known.ok());
    CHECK(known->pools.contains("web"));
    CHECK(known->provider_configs.at("stored-vm") == model::ProviderKind::vm);
}

TEST_CASE("a bundle with a bad reference writes nothing") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    auto result = apply_config_bundle(*store, bundle_of(R"({
        "pools": [{"id": "web"}],
        "autoscale_configs": [{"id": "a", "pool_id": "web", "vm_provider_id": "missing"}]})"));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().field == "/autoscale_configs/0/vm_provider_id");
    CHECK(store->list_pools()->empty());
}
