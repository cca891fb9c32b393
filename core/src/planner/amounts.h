// Exact arithmetic for compute amounts (internal to the planner).
//
// Cores, GPUs and GiB arrive as doubles but are summed as integer thousandths: an incremental
// aggregate built by adding and subtracting in any order must equal a full recompute bit for
// bit, which floating-point sums do not promise.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include "planner/snapshot.h"

namespace tidepool::planner {

using Amount = std::int64_t;

using Vec3 = std::array<Amount, kDims>;

inline Amount to_amount(double v) { return static_cast<Amount>(std::llround(v * 1000.0)); }
inline double to_human(Amount a) { return static_cast<double>(a) / 1000.0; }

inline Vec3 to_vec(const Resources& r) {
    return {to_amount(r.cores), to_amount(r.gpus), to_amount(r.memory_gib)};
}
inline Resources to_resources(const Vec3& v) {
    return {to_human(v[kCores]), to_human(v[kGpus]), to_human(v[kMemory])};
}

inline Vec3 operator+(const Vec3& a, const Vec3& b) {
    return {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
}
inline Vec3 operator-(const Vec3& a, const Vec3& b) {
    return {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
}
inline Vec3& operator+=(Vec3& a, const Vec3& b) { return a = a + b; }
inline Vec3& operator-=(Vec3& a, const Vec3& b) { return a = a - b; }
inline Vec3 scaled(const Vec3& a, std::int64_t n) { return {a[0] * n, a[1] * n, a[2] * n}; }
inline Vec3 max_each(const Vec3& a, const Vec3& b) {
    return {std::max(a[0], b[0]), std::max(a[1], b[1]), std::max(a[2], b[2])};
}
inline Vec3 clamp_low(const Vec3& a) { return max_each(a, Vec3{}); }
inline bool all_at_least(const Vec3& a, const Vec3& b) {
    return a[0] >= b[0] && a[1] >= b[1] && a[2] >= b[2];
}

// Ceiling of a / b for a >= 0, b > 0.
inline std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return (a + b - 1) / b; }

}  // namespace tidepool::planner
