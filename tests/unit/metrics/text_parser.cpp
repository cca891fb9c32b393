#include "text_parser.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace tidepool::metrics::test {
namespace {

struct Cursor {
    const std::string& s;
    std::size_t i = 0;
    bool done() const { return i >= s.size(); }
    char peek() const { return done() ? '\0' : s[i]; }
};

std::string read_name(Cursor& c, bool colon_ok) {
    std::string out;
    while (!c.done()) {
        char ch = c.peek();
        bool ok = std::isalpha(static_cast<unsigned char>(ch)) || ch == '_' ||
                  (colon_ok && ch == ':') ||
                  (!out.empty() && std::isdigit(static_cast<unsigned char>(ch)));
        if (!ok) break;
        out += ch;
        ++c.i;
    }
    return out;
}

std::optional<std::string> read_quoted(Cursor& c) {
    if (c.peek() != '"') return std::nullopt;
    ++c.i;
    std::string out;
    while (!c.done() && c.peek() != '"') {
        char ch = c.s[c.i++];
        if (ch == '\n') return std::nullopt;
        if (ch != '\\') {
            out += ch;
            continue;
        }
        char e = c.done() ? '\0' : c.s[c.i++];
        if (e == 'n') out += '\n';
        else if (e == '\\' || e == '"') out += e;
        else return std::nullopt;  // 0.0.4 knows no other escape
    }
    if (c.done()) return std::nullopt;
    ++c.i;
    return out;
}

std::optional<double> read_value(const std::string& text) {
    if (text == "+Inf") return HUGE_VAL;
    if (text == "-Inf") return -HUGE_VAL;
    if (text == "NaN") return std::nan("");
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0') return std::nullopt;
    return v;
}

std::optional<ParsedSample> parse_sample(const std::string& line) {
    Cursor c{line};
    ParsedSample s;
    s.name = read_name(c, true);
    if (s.name.empty()) return std::nullopt;
    if (c.peek() == '{') {
        ++c.i;
        while (c.peek() != '}') {
            auto label = read_name(c, false);
            if (label.empty() || c.peek() != '=') return std::nullopt;
            ++c.i;
            auto value = read_quoted(c);
            if (!value || s.labels.count(label)) return std::nullopt;
            s.labels[label] = *value;
            if (c.peek() == ',') ++c.i;
            else if (c.peek() != '}') return std::nullopt;
        }
        ++c.i;
    }
    if (c.peek() != ' ') return std::nullopt;
    auto value = read_value(line.substr(c.i + 1));
    if (!value) return std::nullopt;
    s.value = *value;
    return s;
}

// A sample belongs to the current family: the same name, or a histogram's suffixed series.
bool belongs(const ParsedFamily& f, const std::string& sample) {
    if (sample == f.name) return f.type != "histogram";
    if (f.type != "histogram") return false;
    for (const char* suffix : {"_bucket", "_sum", "_count"})
        if (sample == f.name + suffix) return true;
    return false;
}

}  // namespace

ParseResult parse_text(const std::string& text) {
    ParseResult r;
    if (!text.empty() && text.back() != '\n') return {{}, "the text must end with a newline"};
    std::istringstream in(text);
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        auto fail = [&](const std::string& why) {
            return ParseResult{{}, "line " + std::to_string(n) + ": " + why + ": " + line};
        };
        if (line.rfind("# HELP ", 0) == 0) {
            Cursor c{line, 7};
            auto name = read_name(c, true);
            if (name.empty() || c.peek() != ' ') return fail("bad HELP");
            r.families.push_back({name, line.substr(c.i + 1), "", {}});
        } else if (line.rfind("# TYPE ", 0) == 0) {
            Cursor c{line, 7};
            auto name = read_name(c, true);
            if (r.families.empty() || r.families.back().name != name || c.peek() != ' ')
                return fail("TYPE without its HELP");
            r.families.back().type = line.substr(c.i + 1);
        } else {
            auto sample = parse_sample(line);
            if (!sample) return fail("bad sample");
            if (r.families.empty() || !belongs(r.families.back(), sample->name))
                return fail("sample outside its family");
            r.families.back().samples.push_back(*sample);
        }
    }
    return r;
}

}  // namespace tidepool::metrics::test
