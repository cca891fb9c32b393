// Boost.DLL is confined to this file: everything else sees DynamicLibrary.
#include "plugins/dynamic_library.h"

#include <dlfcn.h>

#include <boost/dll/shared_library.hpp>
#include <string>

namespace tidepool::plugins {

struct DynamicLibrary::Impl {
    UniqueFd fd;  // declared first so it closes after the library is unloaded
    boost::dll::shared_library library;
};

namespace {

// dlerror() names the /proc/self/fd path we loaded through; operators need the real file.
std::string loader_message(const std::string& proc_path, const std::filesystem::path& file) {
    const char* raw = ::dlerror();
    std::string text = raw ? raw : "not a loadable shared library";
    for (size_t at = text.find(proc_path); at != std::string::npos;
         at = text.find(proc_path, at + 1)) {
        text.replace(at, proc_path.size(), file.string());
    }
    return text;
}

}  // namespace

Result<std::shared_ptr<DynamicLibrary>> DynamicLibrary::open(UniqueFd fd,
                                                             const std::filesystem::path& file) {
    auto impl = std::make_unique<Impl>();
    std::string proc_path = "/proc/self/fd/" + std::to_string(fd.get());
    impl->fd = std::move(fd);
    boost::dll::fs::error_code ec;
    impl->library.load(proc_path, ec,
                       boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    if (ec || !impl->library.is_loaded()) {
        return make_error(ErrorCode::invalid, loader_message(proc_path, file));
    }
    return std::shared_ptr<DynamicLibrary>(new DynamicLibrary(std::move(impl)));
}

DynamicLibrary::DynamicLibrary(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

DynamicLibrary::~DynamicLibrary() = default;

tp_entry_fn_v1 DynamicLibrary::entry_v1() const {
    if (!impl_->library.has(TP_ENTRY_SYMBOL)) return nullptr;
    return &impl_->library.get<const tp_plugin_entry*(uint32_t)>(TP_ENTRY_SYMBOL);
}

}  // namespace tidepool::plugins
