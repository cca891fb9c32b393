#include <doctest/doctest.h>

#include <memory>

#include "fakes.h"
#include "providers/metered_gateway.h"

using namespace tidepool;
using providers::MeteredGateway;

namespace {

// Every reading moves time 15 ms on, so each call "takes" exactly 15 ms.
MeteredGateway::Clock stepping_clock() {
    auto now = std::make_shared<std::chrono::steady_clock::time_point>();
    return [now] { return *now += std::chrono::milliseconds(15); };
}

const providers::ProviderCallMetrics* find(const std::vector<providers::ProviderCallMetrics>& rows,
                                           const std::string& config, const std::string& op) {
    for (const auto& r : rows)
        if (r.provider_config_id == config && r.operation == op) return &r;
    return nullptr;
}

}  // namespace

TEST_CASE("each provider call is timed per (config, operation) and failures counted by class") {
    test::FakeClock clock;
    test::ScriptedGateway inner(clock);
    MeteredGateway metered(inner, stepping_clock());
    inner.script("aws", {make_error(ErrorCode::capacity, "no capacity"), std::nullopt,
                         make_error(ErrorCode::timeout, "slow")});
    runtime::CallOptions call{"req-1", {}};
    CHECK_FALSE(metered.create_vm("aws", {"vm-1", "k1", {}, "", "linux"}, call).ok());
    CHECK(metered.create_vm("aws", {"vm-2", "k2", {}, "", "linux"}, call).ok());
    CHECK_FALSE(metered.delete_vm("aws", "i-1", call).ok());
    CHECK(metered.list_vms("gcp", {}, call).ok());

    auto rows = metered.calls();
    REQUIRE(rows.size() == 3);
    const auto* create = find(rows, "aws", "create_vm");
    REQUIRE(create);
    CHECK(create->duration_seconds.count == 2);
    CHECK(create->duration_seconds.sum == doctest::Approx(0.030));
    CHECK(create->errors == std::map<std::string, std::uint64_t>{{"capacity", 1}});
    const auto* remove = find(rows, "aws", "delete_vm");
    REQUIRE(remove);
    CHECK(remove->errors == std::map<std::string, std::uint64_t>{{"timeout", 1}});
    const auto* list = find(rows, "gcp", "list_vms");
    REQUIRE(list);
    CHECK(list->errors.empty());
    // 15 ms falls in the (5 ms, 20 ms] bucket.
    CHECK(list->duration_seconds.cumulative[0] == 0);
    CHECK(list->duration_seconds.cumulative[1] == 1);
}

TEST_CASE("results pass through unchanged") {
    test::FakeClock clock;
    test::ScriptedGateway inner(clock);
    MeteredGateway metered(inner);
    auto vm = metered.get_vm("aws", "i-9", {"r", {}});
    REQUIRE(vm.ok());
    CHECK(vm->provider_id == "i-9");
    inner.script("aws", {make_error(ErrorCode::not_found, "gone")});
    auto missing = metered.get_vm("aws", "i-9", {"r", {}});
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == ErrorCode::not_found);
    CHECK(missing.error().message == "gone");
}
