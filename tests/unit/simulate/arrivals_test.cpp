#include "simulate/arrivals.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace tidepool::simulate;

namespace {
std::string bank_trace() {
    std::ifstream in(std::string(TIDEPOOL_SHARED_DIR) + "/traces/bank_calls_5min.csv");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}
}  // namespace

TEST_CASE("a week of the bank trace at 1,000 users follows SOURCE.md's model") {
    ArrivalModel m;
    m.users = 1000;
    auto t = arrivals_from_bins(bank_trace(), m);
    REQUIRE(t.ok());
    // 2003-03-03 (a Monday) for 7 days: 5 weekdays at ~1.3 logons per user, plus a weekend at
    // 10 % and nights at 1 % of the peak slot. Poisson noise stays well inside these bounds.
    auto n = static_cast<double>(t->arrivals.size());
    CHECK(n > 5 * 1300 * 0.9);
    CHECK(n < 5 * 1300 * 1.3 + 2 * 130 * 1.5 + 2000);
    CHECK(t->arrivals.front().at_s >= 12114 * 86400LL);  // 2003-03-03
    CHECK(t->arrivals.back().at_s < 12121 * 86400LL);
    for (const auto& a : t->arrivals) {
        REQUIRE(a.duration_s >= 60);
        REQUIRE(a.duration_s <= 12 * 3600);
        REQUIRE(a.user < 1000);
    }
    CHECK(std::is_sorted(t->arrivals.begin(), t->arrivals.end(),
                         [](const Arrival& a, const Arrival& b) { return a.at_s < b.at_s; }));
}

TEST_CASE("arrivals are a function of the seed") {
    std::string csv =
        "rownames,DateTime,Calls\n1,2003-03-03T09:00:00Z,100\n2,2003-03-03T09:05:00Z,50\n";
    ArrivalModel m;
    m.users = 100;
    m.days = 1;
    auto a = arrivals_from_bins(csv, m);
    auto b = arrivals_from_bins(csv, m);
    m.seed = 2;
    auto c = arrivals_from_bins(csv, m);
    REQUIRE(a.ok());
    CHECK(a->arrivals == b->arrivals);
    CHECK(a->arrivals != c->arrivals);
}

TEST_CASE("binned CSV errors name the line and column") {
    auto t = arrivals_from_bins("rownames,DateTime,Calls\n1,2003-03-03T09:00:00Z,lots\n", {});
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().message ==
          "trace line 2, column Calls: \"lots\" is not allowed; use a count >= 0");
}
