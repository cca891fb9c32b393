// Properties over random specs from a seeded generator: is_active agrees with membership in
// active_intervals, the list is maximal/sorted/clipped, sub-ranges agree, and next_change is the
// first boundary. Random specs favour the DST-sensitive hours 00:00-03:59 and 23:59.

#include <random>

#include "schedule/intervals.h"
#include "test_support.h"

namespace tidepool::schedule::test {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

const char* const kZones[] = {"America/New_York", "Europe/Berlin",   "Australia/Lord_Howe",
                              "Asia/Kolkata",     "Pacific/Chatham", "UTC",
                              "Europe/London",    "America/Santiago"};

class Generator {
public:
    explicit Generator(unsigned seed) : rng_(seed) {}

    int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    bool chance(int percent) { return uniform(1, 100) <= percent; }
    Zone zone() { return *Zone::locate(kZones[uniform(0, std::size(kZones) - 1)]); }

    minutes clock() {
        if (chance(10)) return kLastMinute;
        if (chance(40)) return minutes{uniform(0, 4 * 60 - 1) / 10 * 10};  // around DST changes
        return minutes{uniform(0, 24 * 60 - 1) / 15 * 15};
    }

    Schedule schedule() {
        Schedule s;
        while (s.days.empty()) {
            for (unsigned d = 0; d < 7; ++d) {
                if (chance(40)) s.days.insert(date::weekday{d});
            }
        }
        s.start = clock();
        do {
            s.end = clock();
        } while (s.end == s.start);
        s.zone = zone();
        return s;
    }

    // A local date-time in 2026 (the year the tests probe).
    LocalSeconds local_time() {
        return LocalDays{date::year{2026} / 1 / 1} + date::days{uniform(0, 364)} +
               minutes{uniform(0, 24 * 60 - 1) / 10 * 10};
    }

    ActivitySpec spec() {
        ActivitySpec s;
        s.enabled = !chance(5);
        for (int n = uniform(0, 3); n > 0; --n) s.schedules.push_back(schedule());
        for (int n = chance(40) ? uniform(1, 3) : 0; n > 0; --n) {
            s.exceptions.push_back({date::floor<date::days>(local_time()), zone()});
        }
        for (int n = chance(40) ? uniform(1, 2) : 0; n > 0; --n) {
            const LocalSeconds start = local_time();
            s.extra_windows.push_back({start, start + minutes{uniform(10, 3 * 24 * 60)}, zone()});
        }
        return s;
    }

    Instant instant(Instant lo, Instant hi) {
        return lo +
               seconds{std::uniform_int_distribution<std::int64_t>(0, (hi - lo).count() - 1)(rng_)};
    }

private:
    std::mt19937 rng_;
};

void check_shape(const std::vector<Interval>& list, Instant from, Instant to) {
    for (std::size_t i = 0; i < list.size(); ++i) {
        CHECK(list[i].start < list[i].end);
        CHECK(list[i].start >= from);
        CHECK(list[i].end <= to);
        if (i > 0) CHECK(list[i - 1].end < list[i].start);  // maximal: never touching
    }
}

void check_boundaries(const ActivitySpec& s, const std::vector<Interval>& list, Instant from,
                      Instant to) {
    for (const Interval& i : list) {
        CHECK(is_active(s, i.start));
        CHECK(is_active(s, i.end - seconds{1}));
        if (i.start > from) CHECK_FALSE(is_active(s, i.start - seconds{1}));
        if (i.end < to) CHECK_FALSE(is_active(s, i.end));
    }
}

// The first flip after `at` seen in a 40-day look-ahead, or nullopt if none there.
std::optional<Instant> brute_next_change(const ActivitySpec& s, Instant at) {
    const Instant end = at + date::days{40};
    const auto list = active_intervals(s, at, end);
    const bool state = is_active(s, at);
    if (state) {
        if (list.front().end < end) return list.front().end;
        return std::nullopt;
    }
    if (!list.empty()) return list.front().start;
    return std::nullopt;
}

TEST_CASE("property: is_active equals membership in active_intervals") {
    Generator gen(20260308);
    const Instant year_start = at("2026-01-01T00:00:00Z");
    const Instant year_end = at("2027-01-01T00:00:00Z");
    for (int round = 0; round < 400; ++round) {
        const ActivitySpec s = gen.spec();
        const Instant from = gen.instant(year_start, year_end);
        const Instant to = from + minutes{gen.uniform(1, 20 * 24 * 60)};
        const auto list = active_intervals(s, from, to);
        CAPTURE(round);
        CAPTURE(show(from));
        check_shape(list, from, to);
        check_boundaries(s, list, from, to);
        for (int probe = 0; probe < 50; ++probe) {
            const Instant t = gen.instant(from, to);
            CAPTURE(show(t));
            REQUIRE(is_active(s, t) == covers(list, t));
        }
        // Any sub-range sees the same intervals, clipped.
        const Instant sub_from = gen.instant(from, to);
        const Instant sub_to = gen.instant(sub_from, to) + seconds{1};
        CHECK(render(active_intervals(s, sub_from, sub_to)) ==
              render(clip(list, sub_from, sub_to)));
    }
}

TEST_CASE("property: next_change is the first boundary after the instant") {
    Generator gen(42);
    const Instant year_start = at("2026-01-01T00:00:00Z");
    const Instant year_end = at("2027-01-01T00:00:00Z");
    for (int round = 0; round < 300; ++round) {
        const ActivitySpec s = gen.spec();
        const Instant t = gen.instant(year_start, year_end);
        CAPTURE(round);
        CAPTURE(show(t));
        const auto expected = brute_next_change(s, t);
        const auto got = next_change(s, t);
        if (expected) {
            CHECK(show(got) == show(expected));
        } else {
            CHECK((!got || *got >= t + date::days{40}));
        }
        if (got) {
            CHECK(*got > t);
            CHECK(is_active(s, *got) != is_active(s, t));
            CHECK(is_active(s, *got - seconds{1}) == is_active(s, t));
        }
    }
}

}  // namespace
}  // namespace tidepool::schedule::test
