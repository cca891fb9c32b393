#include <doctest/doctest.h>

#include "model/enums.h"

using namespace tidepool::model;

TEST_CASE("every enum value has a name that parses back to it") {
    auto check = [](auto tag) {
        using E = decltype(tag);
        for (const auto& entry : enum_names<E>()) {
            CHECK(std::string(to_string(entry.value)) == entry.name);
            CHECK(parse_enum<E>(entry.name) == entry.value);
        }
    };
    check(PoolKind{});
    check(PlacementStrategy{});
    check(ProviderKind{});
    check(ConnectionType{});
    check(MachineState{});
    check(SessionKind{});
    check(SessionState{});
    check(JournalOp{});
    check(JournalState{});
}

TEST_CASE("enum names are the documented lowercase spellings") {
    CHECK(parse_pool_kind("agent") == PoolKind::agent);
    CHECK(parse_placement_strategy("depth_first") == PlacementStrategy::depth_first);
    CHECK(parse_provider_kind("dns") == ProviderKind::dns);
    CHECK(parse_connection_type("kasmvnc") == ConnectionType::kasmvnc);
    CHECK(parse_machine_state("draining") == MachineState::draining);
    CHECK(parse_session_kind("app") == SessionKind::app);
    CHECK(parse_session_state("cancelled") == SessionState::cancelled);
    CHECK(parse_journal_op("dns_upsert") == JournalOp::dns_upsert);
    CHECK(parse_journal_state("settled") == JournalState::settled);
}

TEST_CASE("parsing is exact") {
    CHECK_FALSE(parse_pool_kind("Server").has_value());
    CHECK_FALSE(parse_pool_kind(" server").has_value());
    CHECK_FALSE(parse_session_state("").has_value());
}

TEST_CASE("describe_enum lists the choices for messages") {
    CHECK(describe_enum<ProviderKind>() == "\"vm\" or \"dns\"");
    CHECK(describe_enum<ConnectionType>() == "\"kasmvnc\", \"rdp\", \"vnc\" or \"ssh\"");
}
