// Helpers shared by the loader tests: private plugin directories with controlled permissions,
// copies of the fixture plugins, and a log sink that records what plugins said.
#pragma once

#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "plugins/host_services.h"

namespace tidepool::test {

namespace fs = std::filesystem;

// A fresh 0755 directory under the system temp dir, removed with everything in it.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "tp-loader-XXXXXX").string();
        path_ = ::mkdtemp(pattern.data());
        fs::permissions(path_, fs::perms(0755));
    }
    ~TempDir() {
        std::error_code ec;
        fs::permissions(path_, fs::perms(0755), ec);
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }
    fs::path operator/(const std::string& name) const { return path_ / name; }

private:
    fs::path path_;
};

inline fs::path fixture_build_path(const std::string& variant) {
    return fs::path(TIDEPOOL_FIXTURE_PLUGIN_DIR) / ("tidepool-fixture-" + variant + ".so");
}

// Installs a fixture the way an operator should: write a new file, then rename it into place,
// so a replaced plugin gets a new inode. Returns the installed path (mode 0644).
inline fs::path install_plugin(const fs::path& source, const fs::path& dir,
                               const std::string& name) {
    fs::path staging = dir / ("." + name + ".tmp");
    fs::copy_file(source, staging, fs::copy_options::overwrite_existing);
    fs::permissions(staging, fs::perms(0644));
    fs::rename(staging, dir / name);
    return dir / name;
}

inline fs::path install_fixture(const std::string& variant, const fs::path& dir,
                                const std::string& name = "") {
    return install_plugin(fixture_build_path(variant), dir,
                          name.empty() ? "tidepool-fixture-" + variant + ".so" : name);
}

// Thread-safe record of every log line plugins (and the loader) wrote.
class LogCapture {
public:
    plugins::LogSink sink() {
        return [this](const plugins::LogRecord& r) {
            std::lock_guard lock(mutex_);
            lines_.push_back(r.plugin_id + ": " + r.message);
        };
    }
    bool contains(const std::string& text) const {
        std::lock_guard lock(mutex_);
        for (const auto& line : lines_) {
            if (line.find(text) != std::string::npos) return true;
        }
        return false;
    }
    // Polls for a line (the writer is another thread); gives up after about ten seconds.
    bool wait_for(const std::string& text) const {
        for (int i = 0; i < 2000; ++i) {
            if (contains(text)) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return false;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> lines_;
};

inline plugins::HostServices services_with(LogCapture& log) {
    plugins::HostServices services;
    services.log = log.sink();
    return services;
}

}  // namespace tidepool::test
