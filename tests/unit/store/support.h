// Shared fixtures for the store tests: a private temporary directory and sample objects.
#pragma once

#include <stdlib.h>

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "model/json_codec.h"
#include "store/store.h"

namespace tidepool::store::test {

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "tp-store-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    std::string file(const char* name) const { return (path_ / name).string(); }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

inline std::unique_ptr<Store> open_store(const std::string& path, int decisions_per_pool = 200) {
    SqliteOptions options;
    options.path = path;
    options.decisions_per_pool = decisions_per_pool;
    auto store = open_sqlite_store(options);
    REQUIRE_MESSAGE(store.ok(), store.error().message);
    return std::move(store).value();
}

inline void require_ok(const Result<void>& result) {
    REQUIRE_MESSAGE(result.ok(), result.error().message);
}
#define REQUIRE_OK(expr) ::tidepool::store::test::require_ok(expr)

inline model::Pool pool(const char* id, model::PoolKind kind = model::PoolKind::server) {
    model::Pool p;
    p.id = id;
    p.name = std::string("Pool ") + id;
    p.kind = kind;
    return p;
}

inline model::ProviderConfig provider(const char* id,
                                      model::ProviderKind kind = model::ProviderKind::vm) {
    model::ProviderConfig c;
    c.id = id;
    c.name = id;
    c.kind = kind;
    c.plugin_id = "org.tidepool.sim";
    c.config_json = R"({"max_instances":4})";
    c.max_instances = 4;
    return c;
}

inline model::AutoScaleConfig autoscale(const char* id, const char* pool_id,
                                        const char* vm_provider_id, int priority = 100) {
    model::AutoScaleConfig c;
    c.id = id;
    c.pool_id = pool_id;
    c.vm_provider_id = vm_provider_id;
    c.priority = priority;
    return c;
}

inline model::Server server(const char* id, const char* pool_id, const char* config_id = "",
                            model::MachineState state = model::MachineState::running) {
    model::Server s;
    s.id = id;
    s.pool_id = pool_id;
    s.config_id = config_id;
    s.name = std::string("tp-") + id;
    s.state = state;
    return s;
}

inline model::Session session(const char* id, const char* pool_id, const char* server_id = "",
                              model::SessionState state = model::SessionState::queued) {
    model::Session s;
    s.id = id;
    s.pool_id = pool_id;
    s.server_id = server_id;
    s.user = "alice";
    s.state = state;
    return s;
}

}  // namespace tidepool::store::test
