#include "metrics/exposition.h"

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace tidepool::metrics {
namespace {

bool name_char(char c, bool first, bool colon_ok) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') return true;
    if (colon_ok && c == ':') return true;
    return !first && c >= '0' && c <= '9';
}

const char* type_name(MetricType type) {
    switch (type) {
        case MetricType::counter: return "counter";
        case MetricType::gauge: return "gauge";
        case MetricType::histogram: return "histogram";
    }
    return "untyped";
}

void check_labels(const Labels& labels, MetricType type) {
    for (const auto& [name, value] : labels) {
        if (!valid_label_name(name))
            throw std::invalid_argument("invalid Prometheus label name: " + name);
        if (type == MetricType::histogram && name == "le")
            throw std::invalid_argument("\"le\" is reserved for histogram buckets");
    }
}

// `{a="x",b="y"}`, with `extra` (the bucket's le) last; "" when there are no labels at all.
std::string label_text(const Labels& labels, const std::string& extra = {}) {
    if (labels.empty() && extra.empty()) return {};
    std::string out = "{";
    for (const auto& [name, value] : labels) {
        if (out.size() > 1) out += ',';
        out += name + "=\"" + escape_label_value(value) + "\"";
    }
    if (!extra.empty()) out += (out.size() > 1 ? "," : "") + extra;
    return out + "}";
}

void render_histogram(std::string& out, const std::string& name, const Labels& labels,
                      const Histogram::Snapshot& h) {
    for (std::size_t i = 0; i <= h.bounds.size(); ++i) {
        std::string le = i < h.bounds.size() ? format_value(h.bounds[i]) : "+Inf";
        out += name + "_bucket" + label_text(labels, "le=\"" + le + "\"") + " " +
               std::to_string(h.cumulative.at(i)) + "\n";
    }
    out += name + "_sum" + label_text(labels) + " " + format_value(h.sum) + "\n";
    out += name + "_count" + label_text(labels) + " " + std::to_string(h.count) + "\n";
}

}  // namespace

bool valid_metric_name(std::string_view name) {
    if (name.empty()) return false;
    for (std::size_t i = 0; i < name.size(); ++i)
        if (!name_char(name[i], i == 0, true)) return false;
    return true;
}

bool valid_label_name(std::string_view name) {
    if (name.empty() || name.substr(0, 2) == "__") return false;  // "__" is Prometheus's own
    for (std::size_t i = 0; i < name.size(); ++i)
        if (!name_char(name[i], i == 0, false)) return false;
    return true;
}

std::string escape_label_value(std::string_view value) {
    std::string out;
    for (char c : value) {
        if (c == '\\') out += "\\\\";
        else if (c == '"') out += "\\\"";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

std::string escape_help(std::string_view help) {
    std::string out;
    for (char c : help) {
        if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

std::string format_value(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc{} ? std::string(buffer, end) : "NaN";
}

Exposition::Family& Exposition::family(const std::string& name, const std::string& help,
                                       MetricType type) {
    for (auto& f : families_) {
        if (f.name != name) continue;
        if (f.type != type)
            throw std::invalid_argument("metric " + name + " is already a " + type_name(f.type));
        return f;
    }
    if (!valid_metric_name(name)) throw std::invalid_argument("invalid metric name: " + name);
    families_.push_back(Family{name, help, type, {}});
    return families_.back();
}

void Exposition::declare(const std::string& name, const std::string& help, MetricType type) {
    family(name, help, type);
}

void Exposition::counter(const std::string& name, const std::string& help, Labels labels,
                         double value) {
    check_labels(labels, MetricType::counter);
    family(name, help, MetricType::counter).samples.push_back({std::move(labels), value});
}

void Exposition::gauge(const std::string& name, const std::string& help, Labels labels,
                       double value) {
    check_labels(labels, MetricType::gauge);
    family(name, help, MetricType::gauge).samples.push_back({std::move(labels), value});
}

void Exposition::histogram(const std::string& name, const std::string& help, Labels labels,
                           const Histogram::Snapshot& data) {
    check_labels(labels, MetricType::histogram);
    family(name, help, MetricType::histogram).samples.push_back({std::move(labels), 0, data});
}

std::string Exposition::render() const {
    std::string out;
    for (const auto& f : families_) {
        out += "# HELP " + f.name + " " + escape_help(f.help) + "\n";
        out += "# TYPE " + f.name + " " + type_name(f.type) + "\n";
        for (const auto& s : f.samples) {
            if (f.type == MetricType::histogram) {
                render_histogram(out, f.name, s.labels, s.histogram);
            } else {
                out += f.name + label_text(s.labels) + " " + format_value(s.value) + "\n";
            }
        }
    }
    return out;
}

}  // namespace tidepool::metrics
