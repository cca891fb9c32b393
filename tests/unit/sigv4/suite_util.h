// Shared plumbing for the two SigV4 suite tests: locating and reading fixture files, comparing
// results byte for byte with the case name in every message.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace tidepool::test {

// ${TIDEPOOL_SHARED_DIR}/specs/aws/<name>: the suites are read in place, never copied.
std::filesystem::path aws_spec_dir(std::string_view name);

// Whole file, bytes unchanged. Throws std::runtime_error naming the path if it can't be read.
std::string read_file(const std::filesystem::path& path);

// "2015-08-30T12:36:00Z" -> "20150830T123600Z", going through sdk::auth::format_amz_date so
// that helper is exercised with real input. Throws std::runtime_error on any other shape.
std::string amz_date_from_iso8601(std::string_view timestamp);

// One doctest CHECK comparing `actual` with `expected`, labelled "<case>: <what>". Returns
// whether they matched so callers can count fully passing cases.
bool check_same(std::string_view case_name, std::string_view what, const std::string& actual,
                const std::string& expected);

}  // namespace tidepool::test
