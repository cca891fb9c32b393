// `tidepool simulate`: the what-if simulator (docs/simulate.md) on local files, no daemon.
#include <filesystem>
#include <fstream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/local_file.h"
#include "schedule/iso8601.h"
#include "simulate/arrivals.h"
#include "simulate/report.h"
#include "simulate/summary.h"
#include "simulate/svg_chart.h"
#include "simulate/trace_csv.h"

namespace tidepool::cli {
namespace {

using simulate::Trace;

std::optional<std::int64_t> integer_option(Context& ctx, const std::string& name, long lo) {
    auto text = ctx.option(name);
    if (!text) return std::nullopt;
    long value = std::stol(*text);  // the parser already checked it is an integer
    if (value < lo) {
        ctx.fail(kExitUsage,
                 name + " " + *text + " is not allowed; use at least " + std::to_string(lo));
        return std::nullopt;
    }
    return value;
}

// --from as a Unix day number; nullopt after ctx.fail() when it is not a date.
std::optional<std::int64_t> from_day(Context& ctx) {
    auto text = ctx.option("--from");
    auto at = schedule::parse_instant(*text + "T00:00:00Z");
    if (text->size() != 10 || !at.ok()) {
        ctx.fail(kExitUsage, "--from \"" + *text + "\" is not a date such as 2003-03-03");
        return std::nullopt;
    }
    return at.value().time_since_epoch().count() / 86400;
}

// The operator's session list, cut to [--from, --from + --days) when --from is given.
void clip(Trace& trace, std::optional<std::int64_t> day, std::int64_t days) {
    if (!day) return;
    std::erase_if(trace.arrivals, [&](const simulate::Arrival& a) {
        return a.at_s < *day * 86400 || a.at_s >= (*day + days) * 86400;
    });
}

std::optional<Trace> load_trace(Context& ctx, const std::string& path, std::uint64_t seed) {
    auto text = read_local_file(ctx, path);
    if (!text) return std::nullopt;
    std::optional<std::int64_t> day;
    if (ctx.option("--from") && !(day = from_day(ctx))) return std::nullopt;
    auto users = integer_option(ctx, "--users", 1);
    auto days = integer_option(ctx, "--days", 1);
    if (ctx.failure_code) return std::nullopt;
    Result<Trace> trace = make_error(ErrorCode::internal, "");
    if (simulate::is_binned_csv(*text)) {
        simulate::ArrivalModel model;
        model.users = static_cast<std::uint32_t>(users.value_or(model.users));
        model.days = static_cast<int>(days.value_or(model.days));
        model.from_day = day;
        model.seed = seed;
        trace = simulate::arrivals_from_bins(*text, model);
    } else if (users) {
        ctx.fail(kExitUsage, "--users applies to binned traces only; " + path +
                                 " is a session list whose rows name their users");
        return std::nullopt;
    } else if ((trace = simulate::parse_session_csv(*text))) {
        clip(*trace, day, days.value_or(7));
    }
    if (!trace) {
        ctx.fail(kExitApiError, path + ": " + trace.error().message);
        return std::nullopt;
    }
    return std::move(*trace);
}

bool write_file(Context& ctx, const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) {
        ctx.fail(kExitApiError, "cannot write " + path.string());
        return false;
    }
    return true;
}

int write_outputs(Context& ctx, const simulate::Scenario& scenario, const simulate::Report& r) {
    auto dir = ctx.option("--out");
    if (!dir) return kExitOk;
    std::error_code ec;
    std::filesystem::create_directories(*dir, ec);
    if (ec) return ctx.fail(kExitApiError, "cannot create --out " + *dir + ": " + ec.message());
    int per_server = simulate::new_server_headroom(scenario.configs.front().config);
    if (!write_file(ctx, std::filesystem::path(*dir) / "summary.json", simulate::summary_json(r)) ||
        !write_file(ctx, std::filesystem::path(*dir) / "chart.svg",
                    simulate::svg_chart(r.configured, per_server))) {
        return ctx.failure_code;
    }
    return kExitOk;
}

}  // namespace

int cmd_simulate(Context& ctx) {
    auto seed = integer_option(ctx, "--seed", 0);
    auto buffer = integer_option(ctx, "--reactive-buffer", 0);
    if (ctx.failure_code) return ctx.failure_code;
    auto config_path = *ctx.option("--config");
    auto bundle = read_local_file(ctx, config_path);
    if (!bundle) return ctx.failure_code;
    auto scenario =
        simulate::scenario_from_bundle(*bundle, static_cast<std::uint64_t>(seed.value_or(1)));
    if (!scenario.ok()) {
        const auto& e = scenario.error();
        return ctx.fail(kExitApiError,
                        config_path + ": " + (e.field.empty() ? "" : e.field + ": ") + e.message);
    }
    auto trace =
        load_trace(ctx, *ctx.option("--trace"), static_cast<std::uint64_t>(seed.value_or(1)));
    if (!trace) return ctx.failure_code;
    simulate::ReportOptions options;
    if (buffer) options.reactive_buffer = static_cast<int>(*buffer);
    simulate::Report report = simulate::simulate_all(*scenario, *trace, options);
    if (int rc = write_outputs(ctx, *scenario, report); rc != kExitOk) return rc;
    if (ctx.json())
        ctx.out << simulate::summary_json(report);
    else
        ctx.out << simulate::comparison_table(report);
    return kExitOk;
}

}  // namespace tidepool::cli
