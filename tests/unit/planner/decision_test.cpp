// Decision records: inputs, numbers, action, the reason sentence, and their JSON form.
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "builders.h"
#include "planner/decision_json.h"
#include "planner/planner.h"

namespace tidepool::planner {
namespace {

using test::agent;
using test::agent_config;
using test::agent_pool;
using test::at;
using test::request;
using test::server;
using test::server_config;
using test::server_pool;

constexpr std::int64_t kNow = 100000;
const Resources kSmall{4, 0, 16};

struct ReasonCase {
    const char* name;
    PoolSnapshot pool;
    std::size_t config;  // which config's decision, in evaluation order
    const char* reason;
};

Config tweak(Config c, bool active, bool aggressive, bool blocked) {
    c.active = active;
    c.aggressive = aggressive;
    c.provider_capacity_blocked = blocked;
    return c;
}

Config backoff(Config c) {
    c.downscale_backoff_s = 300;
    c.last_scale_up_at = at(kNow - 100);
    return c;
}

std::vector<ReasonCase> server_reasons() {
    const Config c = server_config("c", 5, 4, {}, 10);
    const std::vector<Machine> three_idle = {server("s1", "c", 4, {}), server("s2", "c", 4, {}),
                                             server("s3", "c", 4, {})};
    return {
        {"scale up", server_pool({c}, {server("s1", "c", 3, {})}), 0,
         "Headroom 3 is below the minimum of 5; ordering 1 server (a new server adds 4)."},
        {"capped scale up", server_pool({server_config("c", 9, 4, {}, 2)}, {}), 0,
         "Headroom 0 is below the minimum of 9; ordering 2 servers (a new server adds 4), capped "
         "by the maximum of 2 instances; a shortfall of 1 passes to the next config."},
        {"at max", server_pool({server_config("c", 9, 4, {}, 1)}, {server("s1", "c", 4, {}, 4, 4)}),
         0,
         "Headroom 0 is below the minimum of 9, but the config already has 1 of its maximum of 1 "
         "instances; a shortfall of 9 passes to the next config."},
        {"capacity blocked", server_pool({tweak(c, true, false, true)}, {}), 0,
         "Headroom 0 is below the minimum of 5, but the provider recently reported no capacity "
         "or quota; a shortfall of 5 passes to the next config."},
        {"unsatisfiable", server_pool({server_config("c", 2, 0, {}, 10)}, {}), 0,
         "Headroom 0 is below the minimum of 2, but a new server of this config adds no "
         "sessions, so a shortfall of 2 cannot be met by it."},
        {"queued",
         server_pool({server_config("c", 0, 4, {}, 10)}, {}, {request("a"), request("b")}), 0,
         "Headroom 0 does not cover 2 queued requests plus the minimum of 0; ordering 1 server "
         "(a new server adds 4)."},
        {"aggressive",
         server_pool({tweak(server_config("c", 0, 4, {}, 10), true, true, false)}, {},
                     {request("a"), request("b"), request("c")}),
         0,
         "Headroom 0 does not cover 3 queued requests plus the minimum of 0; ordering 3 servers "
         "(aggressive scaling: one for each of the 3 uncovered queued requests; a new server "
         "adds 4)."},
        {"satisfied", server_pool({c}, {server("s1", "c", 6, {}, 0, 0, MachineState::kStarting)}),
         0, "Headroom 6 covers the minimum of 5; nothing to do."},
        {"satisfied with idle", server_pool({c}, {server("s1", "c", 6, {})}), 0,
         "Headroom 6 covers the minimum of 5; removing an idle server would drop below it."},
        {"scale down", server_pool({c}, three_idle), 0,
         "Headroom 12 is above the minimum of 5; removing 1 idle server leaves 8."},
        {"backoff", server_pool({backoff(c)}, three_idle), 0,
         "Headroom 12 is above the minimum of 5, but the downscale backoff holds scale-down until "
         "1970-01-02T03:50:00Z."},
        {"pool short",
         server_pool({server_config("a", 2, 4, {}, 10, 0), server_config("b", 9, 4, {}, 0, 1)},
                     {server("a1", "a", 4, {})}),
         0,
         "Headroom 4 covers the minimum of 2, but the pool as a whole is short, so nothing is "
         "removed."},
        {"inactive",
         server_pool({tweak(c, false, false, false)},
                     {server("s1", "c", 4, {}), server("s2", "c", 4, {}, 1, 1)}),
         0,
         "The config is inactive, so it orders nothing; removing 1 idle server; 1 busy server "
         "stays until its sessions end."},
        {"inactive in backoff", server_pool({backoff(tweak(c, false, false, false))}, three_idle),
         0,
         "The config is inactive, so it orders nothing; the downscale backoff keeps its 3 idle "
         "servers until 1970-01-02T03:50:00Z."},
    };
}

std::vector<ReasonCase> agent_reasons() {
    Config inactive_staged = tweak(agent_config("c", {}, kSmall, 10), false, false, false);
    inactive_staged.staging.push_back({"ws", 3, {1, 0, 2}, 3});
    return {
        {"agent scale up", agent_pool({agent_config("c", {8, 0, 64}, kSmall, 10)}, {}), 0,
         "Free capacity is short by 8 cores and 64 GiB of memory; ordering 4 agents (an agent "
         "adds 4 cores, 0 GPUs, 16 GiB of memory)."},
        {"GPU unsatisfiable", agent_pool({agent_config("c", {0, 1, 0}, kSmall, 10)}, {}), 0,
         "Free capacity is short by 1 GPU, but a new agent of this config adds no GPUs, so that "
         "need cannot be met by it."},
        {"GPU unsatisfiable next to a core order",
         agent_pool({agent_config("c", {4, 1, 0}, kSmall, 10)}, {}), 0,
         "Free capacity is short by 4 cores and 1 GPU; ordering 1 agent (an agent adds 4 cores, "
         "0 GPUs, 16 GiB of memory); its agents add no GPUs, so that need waits; a shortfall of "
         "1 GPU passes to the next config."},
        {"agent scale down",
         agent_pool({agent_config("c", {4, 0, 16}, kSmall, 10)},
                    {agent("a1", "c", kSmall), agent("a2", "c", kSmall)}),
         0,
         "Free capacity (8 cores, 0 GPUs, 32 GiB of memory) is above the need (4 cores, 0 GPUs, "
         "16 GiB of memory); removing 1 idle agent leaves 4 cores, 0 GPUs, 16 GiB of memory."},
        {"agent inactive with staged sessions",
         agent_pool({inactive_staged}, {agent("a1", "c", {8, 0, 32}, {3, 0, 6}, 3)}), 0,
         "The config is inactive, so it orders nothing and its agents take no new sessions; "
         "dropping 3 staged sessions; 1 busy agent stays until its sessions end."},
    };
}

TEST_CASE("reason sentences") {
    std::vector<ReasonCase> all = server_reasons();
    for (ReasonCase& k : agent_reasons()) all.push_back(std::move(k));
    for (const ReasonCase& k : all) {
        SUBCASE(k.name) {
            Plan p = plan(k.pool, at(kNow));
            CHECK(p.configs.at(k.config).decision.reason == std::string(k.reason));
        }
    }
}

TEST_CASE("a decision carries its inputs and numbers") {
    Config c = server_config("c", 5, 4, {}, 10);
    c.downscale_backoff_s = 60;
    Plan p = plan(server_pool({c}, {server("s1", "c", 3, {}),
                                    server("s2", "c", 4, {}, 4, 4, MachineState::kStarting)}),
                  at(kNow));
    const Decision& d = p.configs[0].decision;
    CHECK(d.config_id == "c");
    CHECK(d.max_instances == 10);
    CHECK(d.machines == 2);
    CHECK(d.starting == 1);
    CHECK(d.busy == 1);
    CHECK(d.idle == 1);
    CHECK(d.downscale_backoff_s == 60);
    CHECK_FALSE(d.in_backoff);
    CHECK(d.server->minimum == 5);
    CHECK(d.server->new_server_headroom == 4);
    CHECK(d.server->headroom == 3);
    CHECK(d.server->shortfall == 2);
    CHECK(d.server->wanted == 1);
    CHECK(d.server->headroom_after == 7);
    CHECK(d.action == Action::kCreate);
    CHECK_FALSE(d.agent.has_value());
}

TEST_CASE("decision JSON") {
    Plan p =
        plan(server_pool({server_config("c", 5, 4, {}, 10)}, {server("s1", "c", 3, {})}), at(kNow));
    rapidjson::Document doc;
    doc.Parse(to_json(p.configs[0].decision).c_str());
    REQUIRE_FALSE(doc.HasParseError());
    CHECK(std::string(doc["config_id"].GetString()) == "c");
    CHECK(std::string(doc["kind"].GetString()) == "server");
    CHECK(std::string(doc["action"].GetString()) == "create");
    CHECK(std::string(doc["code"].GetString()) == "scale_up");
    CHECK(doc["create"].GetInt() == 1);
    CHECK(doc["remove"].IsArray());
    CHECK(doc["inputs"]["max_instances"].GetInt() == 10);
    CHECK(doc["inputs"]["backoff_until"].IsNull());
    CHECK(doc["server"]["headroom"].GetInt64() == 3);
    CHECK(doc["server"]["shortfall"].GetInt64() == 2);
    CHECK(std::string(doc["reason"].GetString()) == p.configs[0].decision.reason);
    CHECK_FALSE(doc.HasMember("agent"));
}

TEST_CASE("decision JSON names the end of a backoff in UTC") {
    Config c = server_config("c", 0, 4, {}, 10);
    c.downscale_backoff_s = 300;
    c.last_scale_up_at = at(1709280000 - 100);  // 2024-03-01T08:00:00Z minus 100 s
    Plan p = plan(server_pool({c}, {server("s1", "c", 4, {})}), at(1709280000 - 100));
    rapidjson::Document doc;
    doc.Parse(to_json(p.configs[0].decision).c_str());
    REQUIRE_FALSE(doc.HasParseError());
    CHECK(std::string(doc["inputs"]["backoff_until"].GetString()) == "2024-03-01T08:03:20Z");
    CHECK(doc["inputs"]["backoff_remaining_s"].GetInt64() == 300);
}

TEST_CASE("plan JSON for an agent pool") {
    Config c = agent_config("c", {}, kSmall, 10);
    c.active = false;
    c.staging.push_back({"ws", 2, {1, 0, 2}, 2});
    Plan p = plan(agent_pool({c}, {agent("a1", "c", kSmall, {2, 0, 4}, 2)}), at(kNow));
    rapidjson::Document doc;
    doc.Parse(to_json(p).c_str());
    REQUIRE_FALSE(doc.HasParseError());
    CHECK(std::string(doc["pool_id"].GetString()) == "pool-a");
    CHECK(std::string(doc["kind"].GetString()) == "agent");
    const auto& cfg = doc["configs"][0];
    CHECK(std::string(cfg["drop_staged"][0]["workspace"].GetString()) == "ws");
    CHECK(cfg["drop_staged"][0]["count"].GetInt() == 2);
    CHECK(cfg["decision"]["agent"]["cores"]["per_agent"].GetDouble() == 4.0);
    CHECK(std::string(cfg["decision"]["code"].GetString()) == "inactive");
    CHECK(doc["summary"]["free"]["cores"].GetDouble() == 0.0);
    CHECK(doc["summary"]["reason"].IsString());
}

TEST_CASE("pool summary sentences") {
    Plan covered = plan(server_pool({server_config("c", 5, 4, {}, 10)}, {}), at(kNow));
    CHECK(covered.summary.reason ==
          "Pool headroom 0 against the minimum of 5 and 0 queued requests; this plan's orders "
          "cover it.");
    Plan left = plan(server_pool({server_config("c", 5, 4, {}, 1)}, {}), at(kNow));
    CHECK(left.summary.reason ==
          "Pool headroom 0 against the minimum of 5 and 0 queued requests; a shortfall of 1 "
          "session remains after every config had its turn.");
}

}  // namespace
}  // namespace tidepool::planner
