// The sim's only source of randomness. Built on mt19937_64, whose output sequence the C++
// standard fixes, with our own uniform/normal transforms: the standard library's distributions
// are implementation-defined, and a seed must replay the same run on any toolchain.
#pragma once

#include <cmath>
#include <cstdint>
#include <random>

#include "sim_config.h"

namespace tidepool::sim {

class Prng {
public:
    explicit Prng(uint64_t seed) : engine_(seed) {}

    // Uniform in [0, 1), from the top 53 bits.
    double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

    // Standard normal (Box-Muller; 1 - uniform() is in (0, 1], so the log is finite).
    double normal() {
        double u1 = 1.0 - uniform();
        double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * kPi * u2);
    }

    // True with probability rate. Rates of exactly 0 or 1 draw nothing, so switching a fault
    // fully on or off does not shift the rest of a seeded run.
    bool chance(double rate) {
        if (rate <= 0) return false;
        if (rate >= 1) return true;
        return uniform() < rate;
    }

    // One duration drawn from d, in whole milliseconds (never negative).
    int64_t sample_ms(const Duration& d) {
        double s = d.mean_s;
        if (d.kind == DistributionKind::uniform) {
            s = *d.min_s + uniform() * (*d.max_s - *d.min_s);
        } else if (d.kind == DistributionKind::lognormal) {
            // mu chosen so the distribution's mean (not its median) is mean_s.
            double mu = std::log(d.mean_s) - d.sigma * d.sigma / 2;
            s = std::exp(mu + d.sigma * normal());
            if (d.min_s && s < *d.min_s) s = *d.min_s;
            if (d.max_s && s > *d.max_s) s = *d.max_s;
        }
        return s <= 0 ? 0 : std::llround(s * 1000);
    }

private:
    static constexpr double kPi = 3.14159265358979323846;
    std::mt19937_64 engine_;
};

}  // namespace tidepool::sim
