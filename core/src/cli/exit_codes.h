// The CLI's exit codes: part of its scripting contract and listed in `tidepool --help`.
#pragma once

namespace tidepool::cli {

constexpr int kExitOk = 0;
constexpr int kExitApiError = 1;     // the daemon answered with an error, or a local file error
constexpr int kExitUsage = 2;        // unknown command/option, missing or malformed argument
constexpr int kExitCannotConnect = 3;  // tidepoold could not be reached (or TLS failed)
constexpr int kExitCheckFailed = 4;    // `tidepool plugin check` found a defect

}  // namespace tidepool::cli
