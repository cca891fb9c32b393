// Translating between the ABI's int32_t statuses and the core's Error.
#pragma once

#include <cstdint>
#include <string_view>

#include <tidepool/error.h>
#include <tidepool/result.h>

#include "plugins/call_context.h"

namespace tidepool::plugins {

// TP_ERR_* -> ErrorCode. Unknown codes (a newer plugin's, or garbage) count as internal.
ErrorCode error_code_for(int32_t status);

// The Error for a failed call: "<operation>: <plugin message>", with the plugin's field and,
// when report is given, its provider code and retry hint. Reads err defensively: the buffers
// are re-terminated because a buggy plugin may have filled them to the brim.
Error error_from_call(std::string_view operation, int32_t status, tp_error& err,
                      CallReport* report);

// A zeroed tp_error of this host's size, ready to lend to a call.
tp_error fresh_error();

}  // namespace tidepool::plugins
