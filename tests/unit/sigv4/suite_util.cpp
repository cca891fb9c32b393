#include "suite_util.h"

#include <doctest/doctest.h>
#include <tidepool/sdk/auth/sigv4.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tidepool::test {

std::filesystem::path aws_spec_dir(std::string_view name) {
    return std::filesystem::path(TIDEPOOL_SHARED_DIR) / "specs" / "aws" / name;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::string amz_date_from_iso8601(std::string_view timestamp) {
    int year = 0;
    unsigned month = 0, day = 0, hour = 0, minute = 0, second = 0;
    char zone = 0;
    const std::string text(timestamp);
    if (timestamp.size() != 20 ||
        std::sscanf(text.c_str(), "%4d-%2u-%2uT%2u:%2u:%2u%c", &year, &month, &day, &hour, &minute,
                    &second, &zone) != 7 ||
        zone != 'Z') {
        throw std::runtime_error("timestamp \"" + text + "\" is not YYYY-MM-DDTHH:MM:SSZ");
    }
    using namespace std::chrono;
    const sys_days date =
        std::chrono::year(year) / std::chrono::month(month) / std::chrono::day(day);
    return sdk::auth::format_amz_date(date + hours(hour) + minutes(minute) + seconds(second));
}

bool check_same(std::string_view case_name, std::string_view what, const std::string& actual,
                const std::string& expected) {
    CHECK_MESSAGE(actual == expected, std::string(case_name) << ": " << std::string(what));
    return actual == expected;
}

}  // namespace tidepool::test
