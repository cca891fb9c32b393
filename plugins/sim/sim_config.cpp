#include "sim_config.h"

#include <filesystem>
#include <sstream>

#include <tidepool/sdk/config.hpp>
#include <tidepool/sdk/error.hpp>

namespace tidepool::sim {

namespace {

using sdk::ConfigReader;
using sdk::ProviderError;

ProviderError invalid(const std::string& field, const std::string& what) {
    return ProviderError(TP_ERR_INVALID_CONFIG, "config field " + field + " " + what, field);
}

std::string number_text(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

double number_in(const ConfigReader& r, const char* name, double fallback, double lo,
                 std::optional<double> hi) {
    double value = r.get_number(name, fallback);
    if (value < lo || (hi && value > *hi)) {
        throw invalid(r.pointer(name), "is " + number_text(value) + ", allowed " + number_text(lo) +
                                           " to " + (hi ? number_text(*hi) : std::string("..")));
    }
    return value;
}

std::optional<double> optional_seconds(const ConfigReader& r, const char* name) {
    if (!r.has(name)) return std::nullopt;
    return number_in(r, name, 0, 0, std::nullopt);
}

// A parameter given to a distribution that does not use it is almost certainly a mistake
// (e.g. "min" on "fixed"), so it is refused rather than silently ignored.
void refuse_unused(const ConfigReader& r, std::initializer_list<const char*> names,
                   const std::string& kind) {
    for (const char* name : names) {
        if (r.has(name)) {
            throw invalid(r.pointer(name), "does not apply to the \"" + kind + "\" distribution");
        }
    }
}

DistributionKind parse_kind(const ConfigReader& r) {
    std::string kind = r.get_string("distribution", "fixed");
    if (kind == "fixed") return DistributionKind::fixed;
    if (kind == "uniform") return DistributionKind::uniform;
    if (kind == "lognormal") return DistributionKind::lognormal;
    throw invalid(r.pointer("distribution"),
                  "is \"" + kind + "\", allowed \"fixed\", \"uniform\" or \"lognormal\"");
}

Duration parse_duration(const ConfigReader& parent, const char* name, double default_mean_s) {
    ConfigReader r = parent.object(name);
    Duration d;
    d.kind = parse_kind(r);
    d.mean_s = number_in(r, "mean", default_mean_s, 0, std::nullopt);
    d.min_s = optional_seconds(r, "min");
    d.max_s = optional_seconds(r, "max");
    d.sigma = number_in(r, "sigma", 0.5, 0, std::nullopt);
    if (d.kind == DistributionKind::fixed) refuse_unused(r, {"min", "max", "sigma"}, "fixed");
    if (d.kind == DistributionKind::uniform) {
        refuse_unused(r, {"mean", "sigma"}, "uniform");
        if (!d.min_s || !d.max_s) {
            throw invalid(r.pointer(d.min_s ? "max" : "min"),
                          "is required by the \"uniform\" distribution");
        }
    }
    if (d.kind == DistributionKind::lognormal && d.mean_s <= 0) {
        throw invalid(r.pointer("mean"), "is 0, the \"lognormal\" distribution needs a mean > 0");
    }
    if (d.min_s && d.max_s && *d.min_s > *d.max_s) {
        throw invalid(r.pointer("max"),
                      "is " + number_text(*d.max_s) + ", below min " + number_text(*d.min_s));
    }
    return d;
}

ErrorRates parse_errors(const ConfigReader& parent) {
    ConfigReader r = parent.object("errors");
    ErrorRates e;
    e.server_error = number_in(r, "server_error_rate", 0, 0, 1);
    e.throttle = number_in(r, "throttle_rate", 0, 0, 1);
    e.capacity = number_in(r, "capacity_rate", 0, 0, 1);
    e.timeout = number_in(r, "timeout_rate", 0, 0, 1);
    e.timeout_after_ms = r.get_int("timeout_after_ms", 0, 0);
    return e;
}

BucketConfig parse_bucket(const ConfigReader& r, const std::string& prefix, BucketConfig fallback) {
    BucketConfig b;
    b.burst =
        static_cast<double>(r.get_int(prefix + "_burst", static_cast<int64_t>(fallback.burst), 1));
    std::string refill = prefix + "_refill_per_s";
    b.refill_per_s = r.get_number(refill, fallback.refill_per_s);
    if (!(b.refill_per_s > 0)) {
        throw invalid(r.pointer(refill), "is " + number_text(b.refill_per_s) +
                                             ", must be more than 0 tokens per second");
    }
    return b;
}

// A relative path is resolved once, against the working directory (tidepoold never changes
// it), so every later call and every other client of the cloud sees one absolute name.
std::string absolute_state_file(const ConfigReader& r) {
    std::string file = r.get_string("state_file");
    std::error_code ec;
    auto absolute = std::filesystem::absolute(file, ec);
    if (file.empty() || ec || absolute.filename().empty()) {
        throw invalid("/state_file", "\"" + file + "\" is not a usable file path");
    }
    if (!std::filesystem::is_directory(absolute.parent_path(), ec)) {
        throw invalid("/state_file", "\"" + file + "\": directory " +
                                         absolute.parent_path().string() + " does not exist");
    }
    return absolute.lexically_normal().string();
}

void check_cloud_name(const std::string& cloud) {
    bool ok = !cloud.empty() && cloud.size() <= 64;
    for (char c : cloud) {
        ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-');
    }
    if (!ok) {
        throw invalid("/cloud",
                      "is \"" + cloud + "\", allowed 1-64 letters, digits, '.', '_' or '-'");
    }
}

}  // namespace

SimConfig SimConfig::parse(std::string_view json) {
    ConfigReader r = ConfigReader::parse(json);
    SimConfig c;
    c.cloud = r.get_string("cloud", c.cloud);
    check_cloud_name(c.cloud);
    if (r.has("state_file")) c.state_file = absolute_state_file(r);
    c.max_instances = r.get_int("max_instances", c.max_instances, 0);
    if (r.has("capacity_limit")) c.capacity_limit = r.get_int("capacity_limit", 0, 0);
    if (r.has("seed")) c.seed = static_cast<uint64_t>(r.get_int("seed"));
    c.boot = parse_duration(r, "boot_seconds", c.boot.mean_s);
    c.removal = parse_duration(r, "delete_seconds", c.removal.mean_s);
    c.api_latency = parse_duration(r, "api_latency_seconds", c.api_latency.mean_s);
    c.gone_visible_ms =
        static_cast<int64_t>(number_in(r, "gone_visible_seconds", 60, 0, std::nullopt) * 1000);
    c.errors = parse_errors(r);
    ConfigReader throttle = r.object("throttle");
    c.create_bucket = parse_bucket(throttle, "create", c.create_bucket);
    c.read_bucket = parse_bucket(throttle, "read", c.read_bucket);
    return c;
}

}  // namespace tidepool::sim
