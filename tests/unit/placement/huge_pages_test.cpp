// HugePageAllocator: small blocks come from operator new (honouring over-alignment), big ones
// are 2 MiB aligned; both hold what is written to them and free cleanly.
#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

#include "placement/huge_pages.h"

using tidepool::placement::HugePageAllocator;

namespace {
struct alignas(64) Line {
    std::uint32_t v[16];
};
template <class T>
bool aligned_to(const T* p, std::uintptr_t a) {
    return reinterpret_cast<std::uintptr_t>(p) % a == 0;
}
}  // namespace

TEST_CASE("small and big blocks: alignment kept, contents intact, growth works") {
    std::vector<Line, HugePageAllocator<Line>> small(3);
    CHECK(aligned_to(small.data(), 64));
    std::vector<std::uint64_t, HugePageAllocator<std::uint64_t>> big;
    for (std::uint64_t i = 0; i < 600'000; ++i) big.push_back(i);  // crosses 2 MiB on growth
    CHECK(aligned_to(big.data(), HugePageAllocator<std::uint64_t>::kHuge));
    std::uint64_t sum = 0;
    for (std::uint64_t x : big) sum += x;
    CHECK(sum == 600'000ull * 599'999ull / 2);
    std::vector<Line, HugePageAllocator<Line>> lines(40'000);  // 2.4 MiB of over-aligned rows
    CHECK(aligned_to(lines.data(), HugePageAllocator<Line>::kHuge));
    lines.back().v[15] = 7;
    CHECK(lines.back().v[15] == 7);
}
