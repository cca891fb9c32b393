// The provisioning journal, meta facts and bounded decision records.
#include "support.h"

using namespace tidepool;
using namespace tidepool::store;
using namespace tidepool::store::test;
using model::JournalState;

namespace {

model::JournalEntry intent(const char* name, model::JournalOp op = model::JournalOp::create_vm) {
    model::JournalEntry e;
    e.op = op;
    e.state = JournalState::failed;  // ignored: every new entry is an intent
    e.config_id = "web-aws";
    e.provider_config_id = "aws";
    e.machine_id = "srv-1";
    e.unique_name = name;
    e.idempotency_key = std::string("key-") + name;
    e.tags_json = R"({"tidepool:installation":"inst-1"})";
    e.created_at = model::from_unix(1000);
    return e;
}

}  // namespace

TEST_CASE("journal: intent, settle, fail, list by state") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    auto a = store->journal_intent(intent("tp-a"));
    auto b = store->journal_intent(intent("tp-b", model::JournalOp::delete_vm));
    auto c = store->journal_intent(intent("tp-c", model::JournalOp::dns_upsert));
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    REQUIRE(c.ok());
    CHECK(*a < *b);
    CHECK(*b < *c);

    auto pending = store->list_journal({JournalState::intent});
    REQUIRE(pending.ok());
    REQUIRE(pending->size() == 3);
    const model::JournalEntry& first = (*pending)[0];
    CHECK(first.seq == *a);
    CHECK(first.state == JournalState::intent);
    CHECK(first.op == model::JournalOp::create_vm);
    CHECK(first.config_id == "web-aws");
    CHECK(first.provider_config_id == "aws");
    CHECK(first.machine_id == "srv-1");
    CHECK(first.unique_name == "tp-a");
    CHECK(first.idempotency_key == "key-tp-a");
    CHECK(first.tags_json == R"({"tidepool:installation":"inst-1"})");
    CHECK(first.created_at == model::from_unix(1000));
    CHECK((*pending)[1].op == model::JournalOp::delete_vm);

    REQUIRE_OK(store->journal_settle(*a, "i-123", model::from_unix(1010)));
    REQUIRE_OK(store->journal_fail(*b, "quota exceeded", model::from_unix(1020)));

    auto settled = store->list_journal({JournalState::settled});
    REQUIRE(settled->size() == 1);
    CHECK((*settled)[0].provider_id == "i-123");
    CHECK((*settled)[0].settled_at == model::from_unix(1010));
    auto failed = store->list_journal({JournalState::failed});
    REQUIRE(failed->size() == 1);
    CHECK((*failed)[0].error == "quota exceeded");
    CHECK(store->list_journal({JournalState::intent})->size() == 1);
    CHECK(store->list_journal()->size() == 3);
    CHECK(store->list_journal({JournalState::settled, JournalState::failed})->size() == 2);
}

TEST_CASE("journal: settling keeps a known provider id; only intents can finish") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    auto del = intent("tp-del", model::JournalOp::delete_vm);
    del.provider_id = "i-999";
    auto seq = store->journal_intent(del);
    REQUIRE(seq.ok());
    REQUIRE_OK(store->journal_settle(*seq, "", model::from_unix(5)));
    CHECK(store->list_journal()->at(0).provider_id == "i-999");

    auto again = store->journal_settle(*seq, "i-1", model::from_unix(6));
    CHECK(again.error().code == ErrorCode::conflict);
    CHECK(again.error().message.find("already settled") != std::string::npos);
    CHECK(store->journal_fail(*seq, "x", model::from_unix(6)).error().code ==
          ErrorCode::conflict);
    CHECK(store->journal_settle(12345, "i", model::from_unix(6)).error().code ==
          ErrorCode::not_found);
    CHECK(store->journal_fail(12345, "x", model::from_unix(6)).error().code ==
          ErrorCode::not_found);
}

TEST_CASE("meta: absent, set, replace") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    auto none = store->get_meta("installation_id");
    REQUIRE(none.ok());
    CHECK_FALSE(none->has_value());
    REQUIRE_OK(store->set_meta("installation_id", "inst-1"));
    REQUIRE_OK(store->set_meta("installation_id", "inst-2"));
    CHECK(store->get_meta("installation_id")->value() == "inst-2");
}

TEST_CASE("decisions are bounded per pool, newest first") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"), /*decisions_per_pool=*/3);
    for (int i = 0; i < 10; ++i) {
        REQUIRE_OK(store->append_decision(
            {0, "web", model::from_unix(i), "{\"n\":" + std::to_string(i) + "}"}));
    }
    REQUIRE_OK(store->append_decision({0, "gpu", model::from_unix(0), "{}"}));
    auto web = store->list_decisions("web", 100);
    REQUIRE(web.ok());
    REQUIRE(web->size() == 3);
    CHECK((*web)[0].json == "{\"n\":9}");
    CHECK((*web)[2].json == "{\"n\":7}");
    CHECK((*web)[0].at == model::from_unix(9));
    CHECK((*web)[0].pool_id == "web");
    CHECK((*web)[0].seq > (*web)[1].seq);
    CHECK(store->list_decisions("web", 1)->size() == 1);
    CHECK(store->list_decisions("gpu", 10)->size() == 1);
    CHECK(store->list_decisions("none", 10)->empty());
}
