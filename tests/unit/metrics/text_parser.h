// A strict reader of the Prometheus text format 0.0.4, written from the format's grammar and
// independent of the writer, so the tests can check rendered text by parsing it back.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tidepool::metrics::test {

struct ParsedSample {
    std::string name;  // e.g. "x_bucket"
    std::map<std::string, std::string> labels;  // unescaped values
    double value = 0;
};

struct ParsedFamily {
    std::string name, help, type;
    std::vector<ParsedSample> samples;
};

// The families in order, or an error naming the first bad line ("line 3: …").
struct ParseResult {
    std::vector<ParsedFamily> families;
    std::optional<std::string> error;
};
ParseResult parse_text(const std::string& text);

}  // namespace tidepool::metrics::test
