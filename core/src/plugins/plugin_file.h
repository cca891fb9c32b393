// Finding plugin files and opening them safely: only tidepool-*.so in configured directories,
// and never a file (or directory) that someone other than its owner could have replaced.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <tidepool/result.h>

#include "plugins/unique_fd.h"

namespace tidepool::plugins {

// What makes two looks at a path the same file: a replaced file (new inode) or a rewritten one
// (new mtime or size) is a new version for hot reload.
struct FileIdentity {
    dev_t device = 0;
    ino_t inode = 0;
    int64_t mtime_ns = 0;
    int64_t size = 0;

    bool operator==(const FileIdentity&) const = default;
};

struct OpenedPluginFile {
    UniqueFd fd;
    FileIdentity identity;
};

// True for names a plugin directory scan picks up: "tidepool-<name>.so".
bool is_plugin_file_name(const std::string& name);

// Every tidepool-*.so directly inside dir (regular files or links to them), sorted by name.
// A missing or unreadable directory is reported in `problem` and yields no files.
std::vector<std::filesystem::path> scan_plugin_dir(const std::filesystem::path& dir,
                                                   std::string& problem);

// The identity of the file at path now (following links); an error if it is gone.
Result<FileIdentity> identify(const std::filesystem::path& path);

// Opens path for loading after checking, on the opened descriptor itself, that it is a regular
// file writable by its owner only, and that its directory (and the link target's directory) is
// not writable by group or others. Errors are one line naming the path and the mode found.
Result<OpenedPluginFile> open_plugin_file(const std::filesystem::path& path);

}  // namespace tidepool::plugins
