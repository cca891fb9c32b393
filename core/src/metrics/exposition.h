// The Prometheus text exposition format, version 0.0.4: metric families with HELP and TYPE
// lines, samples with escaped label values, histograms as _bucket/_sum/_count series.
//
//   Exposition out;
//   out.gauge("tidepool_pool_headroom_sessions", "Free sessions", {{"pool", "web"}}, 3);
//   out.histogram("tidepool_tick_seconds", "Tick time", {}, tick.snapshot());
//   std::string body = out.render();   // Content-Type: kContentType
//
// Names are checked when added (std::invalid_argument): they are fixed in code, so a bad one
// is a programming error that the unit tests catch. Label values may be anything: they are
// escaped, which is what keeps a pool id like `a"b\n` from breaking the scrape.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "metrics/histogram.h"

namespace tidepool::metrics {

inline constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";

using Labels = std::vector<std::pair<std::string, std::string>>;

enum class MetricType { counter, gauge, histogram };

class Exposition {
public:
    // Adds one sample to the family `name`, creating it (with `help`) on first use. Adding a
    // sample of another type to an existing family throws.
    void counter(const std::string& name, const std::string& help, Labels labels, double value);
    void gauge(const std::string& name, const std::string& help, Labels labels, double value);
    void histogram(const std::string& name, const std::string& help, Labels labels,
                   const Histogram::Snapshot& data);
    // Declares a family with no samples yet, so HELP/TYPE appear even when it is empty.
    void declare(const std::string& name, const std::string& help, MetricType type);

    // Families in the order first added, each sample on its own line, ending with "\n".
    std::string render() const;

private:
    struct Sample {
        Labels labels;
        double value = 0;
        Histogram::Snapshot histogram{};
    };
    struct Family {
        std::string name, help;
        MetricType type;
        std::vector<Sample> samples;
    };
    Family& family(const std::string& name, const std::string& help, MetricType type);
    std::vector<Family> families_;
};

// Grammar and escaping, public for the table tests.
bool valid_metric_name(std::string_view name);  // [a-zA-Z_:][a-zA-Z0-9_:]*
bool valid_label_name(std::string_view name);   // [a-zA-Z_][a-zA-Z0-9_]*, not "__…"
std::string escape_label_value(std::string_view value);  // \ → \\, " → \", LF → \n
std::string escape_help(std::string_view help);          // \ → \\, LF → \n
std::string format_value(double value);                  // shortest round-trip; NaN, +Inf, -Inf

}  // namespace tidepool::metrics
