#include "simulate/svg_chart.h"

#include <fmt/format.h>

#include <algorithm>

#include "model/ids.h"
#include "schedule/iso8601.h"

namespace tidepool::simulate {
namespace {

constexpr double kWidth = 1000, kHeight = 400, kLeft = 70, kRight = 20, kTop = 30, kBottom = 50;

struct Series {
    const char* label;
    const char* colour;
    std::int64_t (*value)(const Sample&);
};

const Series kSeries[] = {
    {"demand (sessions running + waiting)", "#1f77b4", [](const Sample& s) { return s.demand; }},
    {"servers ready (as sessions)", "#2ca02c", [](const Sample& s) { return s.ready; }},
    {"servers booting (as sessions)", "#ff7f0e", [](const Sample& s) { return s.booting; }},
    {"queue length", "#d62728", [](const Sample& s) { return s.queued; }},
};

std::string polyline(const Metrics& m, const Series& series, double scale, double top,
                     double span) {
    std::string points;
    for (const auto& s : m.samples) {
        double x =
            kLeft + (kWidth - kLeft - kRight) * static_cast<double>(s.at_s - m.start_s) / span;
        double y = kHeight - kBottom -
                   (kHeight - kTop - kBottom) * static_cast<double>(series.value(s)) * scale / top;
        points += fmt::format("{:.1f},{:.1f} ", x, y);
    }
    return fmt::format(
        "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"1.5\" points=\"{}\"/>\n",
        series.colour, points);
}

std::string axes(const Metrics& m, double top, double span) {
    std::string out = fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#333\"/>\n"
        "<line x1=\"{0}\" y1=\"{3}\" x2=\"{0}\" y2=\"{1}\" stroke=\"#333\"/>\n"
        "<text x=\"{4}\" y=\"{5}\" text-anchor=\"end\" font-size=\"11\">{6:.0f}</text>\n"
        "<text x=\"{4}\" y=\"{1}\" text-anchor=\"end\" font-size=\"11\">0</text>\n",
        kLeft, kHeight - kBottom, kWidth - kRight, kTop, kLeft - 5, kTop + 4, top);
    // One tick a day, labelled with the date.
    for (std::int64_t day = 0; day * 86400 < m.end_s - m.start_s; ++day) {
        double x = kLeft + (kWidth - kLeft - kRight) * static_cast<double>(day * 86400) / span;
        std::string date =
            schedule::format_instant(model::from_unix(m.start_s + day * 86400)).substr(0, 10);
        out += fmt::format(
            "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#ccc\"/>\n"
            "<text x=\"{0:.1f}\" y=\"{3}\" font-size=\"11\">{4}</text>\n",
            x, kTop, kHeight - kBottom, kHeight - kBottom + 15, date);
    }
    return out;
}

}  // namespace

std::string svg_chart(const Metrics& m, int sessions_per_server) {
    double per_server = std::max(1, sessions_per_server);
    double top = 1;
    for (const auto& s : m.samples) {
        top = std::max({top, static_cast<double>(s.demand), static_cast<double>(s.queued),
                        per_server * static_cast<double>(s.ready + s.booting)});
    }
    double span = std::max<double>(1, static_cast<double>(m.end_s - m.start_s));
    std::string out = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
        "viewBox=\"0 0 {0} {1}\" font-family=\"sans-serif\">\n"
        "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        "<text x=\"{2}\" y=\"18\" font-size=\"14\">tidepool simulate: {3} policy (sessions)"
        "</text>\n",
        kWidth, kHeight, kLeft, m.policy);
    out += axes(m, top, span);
    for (std::size_t i = 0; i < std::size(kSeries); ++i) {
        bool servers = i == 1 || i == 2;
        out += polyline(m, kSeries[i], servers ? per_server : 1.0, top, span);
        out += fmt::format(
            "<rect x=\"{0}\" y=\"{1}\" width=\"12\" height=\"3\" fill=\"{2}\"/>"
            "<text x=\"{3}\" y=\"{4}\" font-size=\"11\">{5}</text>\n",
            kLeft + 10 + 230 * static_cast<double>(i), kHeight - 14, kSeries[i].colour,
            kLeft + 26 + 230 * static_cast<double>(i), kHeight - 10, kSeries[i].label);
    }
    out += "</svg>\n";
    return out;
}

}  // namespace tidepool::simulate
