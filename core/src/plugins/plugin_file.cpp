#include "plugins/plugin_file.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

#include <fmt/format.h>

namespace tidepool::plugins {

namespace {

FileIdentity identity_of(const struct stat& st) {
    return FileIdentity{st.st_dev, st.st_ino,
                        static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
                        static_cast<int64_t>(st.st_size)};
}

std::string mode_text(mode_t mode) { return fmt::format("{:04o}", mode & 07777); }

// Group/other write on a plugin or its directory lets another user swap the code we run.
Result<void> check_not_shared_writable(const std::filesystem::path& what, const char* kind,
                                       const struct stat& st) {
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) == 0) return {};
    return make_error(ErrorCode::denied,
                      fmt::format("{} {} is writable by group or others (mode {}); run chmod "
                                  "go-w on it",
                                  kind, what.string(), mode_text(st.st_mode)));
}

Result<void> check_directory(const std::filesystem::path& dir) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) {
        return make_error(ErrorCode::not_found, fmt::format("cannot stat directory {}: {}",
                                                            dir.string(), std::strerror(errno)));
    }
    return check_not_shared_writable(dir, "directory", st);
}

Result<void> check_directories(const std::filesystem::path& path) {
    std::filesystem::path dir = path.parent_path().empty() ? "." : path.parent_path();
    if (auto ok = check_directory(dir); !ok) return ok;
    std::error_code ec;
    std::filesystem::path real = std::filesystem::canonical(path, ec);
    if (!ec && real.parent_path() != std::filesystem::canonical(dir, ec)) {
        return check_directory(real.parent_path());
    }
    return {};
}

}  // namespace

bool is_plugin_file_name(const std::string& name) {
    const std::string prefix = "tidepool-", suffix = ".so";
    return name.size() > prefix.size() + suffix.size() && name.starts_with(prefix) &&
           name.ends_with(suffix);
}

std::vector<std::filesystem::path> scan_plugin_dir(const std::filesystem::path& dir,
                                                   std::string& problem) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    std::filesystem::directory_iterator it(dir, ec);
    if (ec) {
        problem = fmt::format("cannot read plugin directory {}: {}", dir.string(), ec.message());
        return files;
    }
    for (const auto& entry : it) {
        if (is_plugin_file_name(entry.path().filename().string()) && entry.is_regular_file(ec)) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

Result<FileIdentity> identify(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        return make_error(ErrorCode::not_found,
                          fmt::format("cannot stat {}: {}", path.string(), std::strerror(errno)));
    }
    return identity_of(st);
}

Result<OpenedPluginFile> open_plugin_file(const std::filesystem::path& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) {
        return make_error(ErrorCode::not_found,
                          fmt::format("cannot open {}: {}", path.string(), std::strerror(errno)));
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
        return make_error(ErrorCode::invalid,
                          fmt::format("{} is not a regular file", path.string()));
    }
    if (auto ok = check_not_shared_writable(path, "file", st); !ok) return ok.error();
    if (auto ok = check_directories(path); !ok) return ok.error();
    return OpenedPluginFile{std::move(fd), identity_of(st)};
}

}  // namespace tidepool::plugins
