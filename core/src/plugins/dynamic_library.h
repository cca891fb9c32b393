// A dlopen()ed plugin file. The only place in Tidepool that touches Boost.DLL (or dlfcn).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <tidepool/entry.h>
#include <tidepool/result.h>

#include "plugins/unique_fd.h"

namespace tidepool::plugins {

class DynamicLibrary {
public:
    // Loads the file open on `fd` with RTLD_NOW|RTLD_LOCAL, through /proc/self/fd/<fd>: the
    // bytes loaded are exactly the ones whose permissions were checked on that descriptor, and
    // a replaced file at the same path gets a fresh handle instead of glibc handing back the old
    // library because the path string matches. `file` names the plugin in errors. The
    // descriptor is kept open until the library is unloaded, so no later load reuses its name.
    static Result<std::shared_ptr<DynamicLibrary>> open(UniqueFd fd,
                                                        const std::filesystem::path& file);

    ~DynamicLibrary();
    DynamicLibrary(const DynamicLibrary&) = delete;
    DynamicLibrary& operator=(const DynamicLibrary&) = delete;

    // The v1 entry function, or nullptr when the file does not export tidepool_entry_v1.
    tp_entry_fn_v1 entry_v1() const;

private:
    struct Impl;
    explicit DynamicLibrary(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace tidepool::plugins
