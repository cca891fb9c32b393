#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <thread>

#include "metrics/histogram.h"

using tidepool::metrics::Histogram;

TEST_CASE("observations land in the first bucket whose bound is at least the value") {
    struct Row {
        double value;
        std::vector<std::uint64_t> cumulative;  // le=1, le=2, le=5, +Inf
    };
    const Row rows[] = {
        {0.5, {1, 1, 1, 1}},
        {1.0, {1, 1, 1, 1}},  // le is "less than or equal"
        {1.5, {0, 1, 1, 1}},
        {5.0, {0, 0, 1, 1}},
        {7.0, {0, 0, 0, 1}},
        {-3.0, {1, 1, 1, 1}},
        {std::numeric_limits<double>::infinity(), {0, 0, 0, 1}},
    };
    for (const auto& row : rows) {
        Histogram h({1, 2, 5});
        h.observe(row.value);
        auto s = h.snapshot();
        CAPTURE(row.value);
        CHECK(s.cumulative == row.cumulative);
        CHECK(s.count == 1);
    }
}

TEST_CASE("sum and count accumulate; NaN is dropped") {
    Histogram h({1, 10});
    h.observe(0.5);
    h.observe(3);
    h.observe(std::nan(""));
    h.observe(20);
    auto s = h.snapshot();
    CHECK(s.count == 3);
    CHECK(s.sum == doctest::Approx(23.5));
    CHECK(s.cumulative == std::vector<std::uint64_t>{1, 2, 3});
}

TEST_CASE("bad bucket layouts are refused") {
    CHECK_THROWS_AS(Histogram({2, 1}), std::invalid_argument);
    CHECK_THROWS_AS(Histogram({1, 1}), std::invalid_argument);
    CHECK_THROWS_AS(Histogram({1, std::numeric_limits<double>::infinity()}),
                    std::invalid_argument);
    CHECK_NOTHROW(Histogram({}));
    CHECK_THROWS_AS(Histogram::exponential_bounds(0, 2, 3), std::invalid_argument);
    CHECK_THROWS_AS(Histogram::exponential_bounds(1, 1, 3), std::invalid_argument);
    CHECK(Histogram::exponential_bounds(0.5, 2, 4) == std::vector<double>{0.5, 1, 2, 4});
}

TEST_CASE("concurrent observers lose nothing") {
    Histogram h({1});
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&h] {
            for (int i = 0; i < 10000; ++i) h.observe(i % 2 ? 0.5 : 2.0);
        });
    for (auto& t : threads) t.join();
    auto s = h.snapshot();
    CHECK(s.count == 40000);
    CHECK(s.cumulative == std::vector<std::uint64_t>{20000, 40000});
}
