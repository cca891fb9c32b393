#include "state_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <tidepool/sdk/error.hpp>

namespace tidepool::sim {

namespace {

using sdk::ProviderError;
using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

constexpr const char* kFormat = "tidepool-sim-state/1";

void write_vm(Writer& w, const SimVm& vm) {
    w.StartObject();
    w.Key("number"), w.Uint64(vm.number);
    w.Key("id"), w.String(vm.id);
    w.Key("name"), w.String(vm.name);
    w.Key("idempotency_key"), w.String(vm.idempotency_key);
    w.Key("tags"), w.StartArray();
    for (const auto& [key, value] : vm.tags) {
        w.StartArray(), w.String(key), w.String(value), w.EndArray();
    }
    w.EndArray();
    w.Key("os_family"), w.String(vm.os_family);
    w.Key("startup_script"), w.String(vm.startup_script);
    w.Key("private_ip"), w.String(vm.private_ip);
    w.Key("created_ms"), w.Int64(vm.created_ms);
    w.Key("boot_ms"), w.Int64(vm.boot_ms);
    w.Key("delete_requested_ms"), w.Int64(vm.delete_requested_ms);
    w.Key("delete_ms"), w.Int64(vm.delete_ms);
    w.EndObject();
}

// Reads one file's members, turning any shape error into one line that names the file and the
// JSON pointer, because an operator may have to repair or delete it by hand.
class Reader {
public:
    explicit Reader(const std::string& path) : path_(path) {}

    [[noreturn]] void fail(const std::string& where, const std::string& what) const {
        throw ProviderError(TP_ERR_INVALID_CONFIG,
                            "state_file " + path_ + ": " + where + " " + what, "/state_file");
    }
    const rapidjson::Value& member(const rapidjson::Value& obj, const char* key,
                                   const std::string& where) const {
        auto it = obj.FindMember(key);
        if (it == obj.MemberEnd()) fail(where + "/" + key, "is missing");
        return it->value;
    }
    std::string text(const rapidjson::Value& obj, const char* key, const std::string& at) const {
        const auto& v = member(obj, key, at);
        if (!v.IsString()) fail(at + "/" + key, "must be a string");
        return std::string(v.GetString(), v.GetStringLength());
    }
    int64_t integer(const rapidjson::Value& obj, const char* key, const std::string& at) const {
        const auto& v = member(obj, key, at);
        if (!v.IsInt64() || v.GetInt64() < 0) fail(at + "/" + key, "must be an integer >= 0");
        return v.GetInt64();
    }
    sdk::KeyValues tags(const rapidjson::Value& obj, const std::string& at) const {
        const auto& v = member(obj, "tags", at);
        if (!v.IsArray()) fail(at + "/tags", "must be an array of [key, value] pairs");
        sdk::KeyValues out;
        for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
            const auto& pair = v[i];
            if (!pair.IsArray() || pair.Size() != 2 || !pair[0].IsString() || !pair[1].IsString()) {
                fail(at + "/tags/" + std::to_string(i), "must be a [key, value] pair of strings");
            }
            out.emplace_back(pair[0].GetString(), pair[1].GetString());
        }
        return out;
    }
    SimVm vm(const rapidjson::Value& obj, const std::string& at) const {
        if (!obj.IsObject()) fail(at, "must be an object");
        SimVm vm;
        vm.number = static_cast<uint64_t>(integer(obj, "number", at));
        vm.id = text(obj, "id", at);
        vm.name = text(obj, "name", at);
        vm.idempotency_key = text(obj, "idempotency_key", at);
        vm.tags = tags(obj, at);
        vm.os_family = text(obj, "os_family", at);
        vm.startup_script = text(obj, "startup_script", at);
        vm.private_ip = text(obj, "private_ip", at);
        vm.created_ms = integer(obj, "created_ms", at);
        vm.boot_ms = integer(obj, "boot_ms", at);
        vm.delete_requested_ms = integer(obj, "delete_requested_ms", at);
        vm.delete_ms = integer(obj, "delete_ms", at);
        return vm;
    }

private:
    const std::string& path_;
};

std::optional<std::string> slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// write(2) may stop short (a signal, a full disk); anything but the whole text is a failure.
bool write_all(int fd, const std::string& text) {
    size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<size_t>(n);
    }
    return true;
}

ProviderError io_error(const std::string& what, const std::filesystem::path& path) {
    return ProviderError(TP_ERR_INTERNAL, "sim state_file: cannot " + what + " " + path.string() +
                                              ": " + std::strerror(errno));
}

}  // namespace

std::string state_to_json(const CloudState& state) {
    rapidjson::StringBuffer out;
    Writer w(out);
    w.StartObject();
    w.Key("format"), w.String(kFormat);
    w.Key("cloud"), w.String(state.cloud);
    w.Key("next_number"), w.Uint64(state.next_number);
    w.Key("vms"), w.StartArray();
    for (const auto& [number, vm] : state.vms) write_vm(w, vm);
    w.EndArray();
    w.EndObject();
    return std::string(out.GetString(), out.GetSize()) + "\n";
}

CloudState state_from_json(const std::string& text, const std::string& path) {
    Reader r(path);
    rapidjson::Document d;
    d.Parse(text.data(), text.size());
    if (d.HasParseError()) {
        r.fail("", std::string("is not JSON: ") + rapidjson::GetParseError_En(d.GetParseError()) +
                       " at offset " + std::to_string(d.GetErrorOffset()));
    }
    if (!d.IsObject()) r.fail("", "must hold a JSON object");
    if (r.text(d, "format", "") != kFormat) r.fail("/format", std::string("must be ") + kFormat);
    CloudState state;
    state.cloud = r.text(d, "cloud", "");
    state.next_number = static_cast<uint64_t>(r.integer(d, "next_number", ""));
    const auto& vms = r.member(d, "vms", "");
    if (!vms.IsArray()) r.fail("/vms", "must be an array");
    for (rapidjson::SizeType i = 0; i < vms.Size(); ++i) {
        SimVm vm = r.vm(vms[i], "/vms/" + std::to_string(i));
        if (vm.number >= state.next_number) state.next_number = vm.number + 1;
        state.vms[vm.number] = std::move(vm);
    }
    return state;
}

std::optional<StateFile::Stamp> StateFile::stamp_now() const {
    struct stat st {};
    if (::stat(path_.c_str(), &st) != 0) {
        if (errno == ENOENT) return std::nullopt;
        throw io_error("stat", path_);
    }
    return Stamp{st.st_dev, st.st_ino, st.st_size,
                 static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

bool StateFile::refresh(CloudState& state) {
    std::optional<Stamp> now = stamp_now();
    if (seen_ && now == seen_stamp_) return false;
    std::optional<std::string> text = now ? slurp(path_) : std::nullopt;
    if (now && !text) throw io_error("read", path_);
    CloudState loaded;
    if (text) loaded = state_from_json(*text, path_.string());
    if (text && loaded.cloud != state.cloud) {
        throw ProviderError(TP_ERR_INVALID_CONFIG,
                            "state_file " + path_.string() + " holds cloud \"" + loaded.cloud +
                                "\", but this config names cloud \"" + state.cloud + "\"",
                            "/state_file");
    }
    loaded.cloud = state.cloud;
    state = std::move(loaded);
    seen_ = true;
    seen_stamp_ = now;
    return true;
}

void StateFile::save(const CloudState& state) {
    std::string text = state_to_json(state);
    std::filesystem::path temp = path_;
    temp += ".tmp." + std::to_string(::getpid());
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw io_error("create", temp);
    bool ok = write_all(fd, text);
    ok = ok && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok || ::rename(temp.c_str(), path_.c_str()) != 0) {
        int saved = errno;
        ::unlink(temp.c_str());
        errno = saved;
        throw io_error("write", path_);
    }
    seen_ = true;
    seen_stamp_ = stamp_now();
}

StateFile::Lock::Lock(const StateFile& file) {
    std::filesystem::path lock_path = file.path();
    lock_path += ".lock";
    fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) throw io_error("open", lock_path);
    while (::flock(fd_, LOCK_EX) != 0) {
        if (errno != EINTR) {
            ::close(fd_);
            throw io_error("lock", lock_path);
        }
    }
}

StateFile::Lock::~Lock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace tidepool::sim
