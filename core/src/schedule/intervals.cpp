#include "schedule/intervals.h"

#include <algorithm>

namespace tidepool::schedule {

std::vector<Interval> normalize(std::vector<Interval> intervals) {
    std::erase_if(intervals, [](const Interval& i) { return i.end <= i.start; });
    std::sort(intervals.begin(), intervals.end(),
              [](const Interval& a, const Interval& b) { return a.start < b.start; });
    std::vector<Interval> merged;
    merged.reserve(intervals.size());
    for (const Interval& next : intervals) {
        // `<=` merges touching intervals too: [a,b) and [b,c) are one active stretch.
        if (!merged.empty() && next.start <= merged.back().end) {
            merged.back().end = std::max(merged.back().end, next.end);
        } else {
            merged.push_back(next);
        }
    }
    return merged;
}

std::vector<Interval> subtract(const std::vector<Interval>& from,
                               const std::vector<Interval>& remove) {
    std::vector<Interval> out;
    auto cut = remove.begin();
    for (const Interval& source : from) {
        Instant start = source.start;
        // Skip cuts that end before this interval; they cannot touch later ones either.
        while (cut != remove.end() && cut->end <= start) ++cut;
        for (auto c = cut; c != remove.end() && c->start < source.end; ++c) {
            if (c->start > start) out.push_back({start, c->start});
            start = std::max(start, c->end);
        }
        if (start < source.end) out.push_back({start, source.end});
    }
    return out;
}

std::vector<Interval> clip(const std::vector<Interval>& intervals, Instant lo, Instant hi) {
    std::vector<Interval> out;
    for (const Interval& i : intervals) {
        const Interval cut{std::max(i.start, lo), std::min(i.end, hi)};
        if (cut.start < cut.end) out.push_back(cut);
    }
    return out;
}

bool covers(const std::vector<Interval>& intervals, Instant at) {
    // First interval whose end is after `at`; it covers `at` iff it starts at or before it.
    const auto it = std::upper_bound(intervals.begin(), intervals.end(), at,
                                     [](Instant t, const Interval& i) { return t < i.end; });
    return it != intervals.end() && it->start <= at;
}

}  // namespace tidepool::schedule
