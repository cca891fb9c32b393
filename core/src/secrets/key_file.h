// Private files: small secrets kept on disk by the daemon (the sealing key, the bootstrap admin
// API key). They are created owner-only (0600) and refused when group or others can read them,
// because a secret that another local user could have read must be treated as leaked.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "tidepool/result.h"

namespace tidepool::secrets {

// Creates `path` with mode 0600 holding `content`, failing with `conflict` if it exists (never
// overwrites). Missing parent directories are created. The data is fsync'ed before returning.
Result<void> write_private_file(const std::filesystem::path& path, std::string_view content);

// Reads `path` after checking it is a regular file with no group/other permissions and, when
// `expected_size` is given, exactly that many bytes. `not_found` when the file does not exist.
Result<std::string> read_private_file(const std::filesystem::path& path,
                                      std::optional<std::size_t> expected_size = std::nullopt);

}  // namespace tidepool::secrets
