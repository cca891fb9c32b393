#include "instance_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <tidepool/sdk/error.hpp>

namespace tidepool::local_provider {

namespace fs = std::filesystem;
using sdk::ProviderError;

namespace {

std::string to_json(const InstanceRecord& r) {
    rapidjson::StringBuffer out;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(out);
    w.StartObject();
    w.Key("provider_id"), w.String(r.name);
    w.Key("name"), w.String(r.name);
    w.Key("idempotency_key"), w.String(r.idempotency_key);
    w.Key("token"), w.String(r.token);
    w.Key("pid"), w.Int64(r.pid);
    w.Key("pgid"), w.Int64(r.pgid);
    w.Key("tags"), w.StartArray();
    for (const auto& [key, value] : r.tags) {
        w.StartObject(), w.Key("key"), w.String(key), w.Key("value"), w.String(value);
        w.EndObject();
    }
    w.EndArray();
    w.Key("created_unix_ms"), w.Int64(r.created_unix_ms);
    w.Key("state"), w.String(r.state);
    w.Key("exit_code");
    r.exit_code ? w.Int(*r.exit_code) : w.Null();
    w.EndObject();
    return std::string(out.GetString()) + "\n";
}

std::string text_of(const rapidjson::Value& obj, const char* key) {
    return obj.HasMember(key) && obj[key].IsString() ? obj[key].GetString() : "";
}

int64_t int_of(const rapidjson::Value& obj, const char* key) {
    return obj.HasMember(key) && obj[key].IsInt64() ? obj[key].GetInt64() : 0;
}

std::optional<InstanceRecord> from_json(const std::string& text) {
    rapidjson::Document d;
    d.Parse(text.c_str());
    if (d.HasParseError() || !d.IsObject()) return std::nullopt;
    InstanceRecord r;
    r.name = text_of(d, "name");
    r.idempotency_key = text_of(d, "idempotency_key");
    r.token = text_of(d, "token");
    r.pid = static_cast<pid_t>(int_of(d, "pid"));
    r.pgid = static_cast<pid_t>(int_of(d, "pgid"));
    r.created_unix_ms = int_of(d, "created_unix_ms");
    r.state = text_of(d, "state");
    if (d.HasMember("exit_code") && d["exit_code"].IsInt()) r.exit_code = d["exit_code"].GetInt();
    if (d.HasMember("tags") && d["tags"].IsArray()) {
        for (const auto& tag : d["tags"].GetArray()) {
            if (tag.IsObject()) r.tags.emplace_back(text_of(tag, "key"), text_of(tag, "value"));
        }
    }
    return r;
}

std::optional<std::string> slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

bool valid_instance_name(const std::string& name) {
    if (name.empty() || name.size() > 128 || name[0] == '.') return false;
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

std::optional<InstanceRecord> InstanceStore::read(const std::string& name) const {
    if (!valid_instance_name(name)) return std::nullopt;
    auto text = slurp(dir(name) / "instance.json");
    return text ? from_json(*text) : std::nullopt;
}

std::vector<InstanceRecord> InstanceStore::read_all() const {
    std::vector<InstanceRecord> out;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(root_, ec)) {
        if (!entry.is_directory(ec)) continue;
        if (auto record = read(entry.path().filename().string())) out.push_back(*record);
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return out;
}

void InstanceStore::write_file(const fs::path& path, const std::string& text, mode_t mode) {
    fs::path temp = path.parent_path() / ("." + path.filename().string() + ".tmp");
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    bool ok = fd >= 0 && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ok = ok && ::fsync(fd) == 0;
    if (fd >= 0) ::close(fd);
    if (!ok || ::rename(temp.c_str(), path.c_str()) != 0) {
        throw ProviderError(TP_ERR_INTERNAL,
                            "cannot write " + path.string() + ": " + std::strerror(errno));
    }
}

void InstanceStore::write(const InstanceRecord& record) const {
    write_file(dir(record.name) / "instance.json", to_json(record), 0600);
}

void InstanceStore::remove(const std::string& name) const {
    std::error_code ec;
    fs::remove_all(dir(name), ec);
    if (ec)
        throw ProviderError(TP_ERR_INTERNAL,
                            "cannot remove " + dir(name).string() + ": " + ec.message());
}

std::optional<int> InstanceStore::exit_code(const std::string& name) const {
    auto text = slurp(dir(name) / "exit_code");
    if (!text || text->empty()) return std::nullopt;
    try {
        return std::stoi(*text);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

InstanceStore::Lock::Lock(const InstanceStore& store) {
    std::error_code ec;
    fs::create_directories(store.root(), ec);
    fd_ = ::open((store.root() / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0 || ::flock(fd_, LOCK_EX) != 0) {
        throw ProviderError(TP_ERR_UNAVAILABLE, "cannot lock state_dir " + store.root().string() +
                                                    ": " + std::strerror(errno));
    }
}

InstanceStore::Lock::~Lock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace tidepool::local_provider
