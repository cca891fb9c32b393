#include "local_client.h"

#include <signal.h>

#include <filesystem>

#include <random>

#include "process_group.h"

extern char** environ;

namespace tidepool::local_provider {

namespace {

using sdk::ProviderError;

// The wrapper records the script's exit code where get/list can find it after a restart.
constexpr const char* kWrapper =
    "\"$1\" ./startup.sh; code=$?; echo \"$code\" > exit_code.tmp && mv -f exit_code.tmp "
    "exit_code; exit \"$code\"";
constexpr int64_t kTermGraceMs = 2000;  // SIGTERM first, SIGKILL after this
constexpr int64_t kKillWaitMs = 2000;
constexpr int64_t kPollMs = 20;

std::string random_token() {
    std::random_device random;
    std::string token;
    for (int i = 0; i < 4; ++i) token += std::to_string(random()) + (i < 3 ? "-" : "");
    return token;
}

void require_name(const std::string& name) {
    if (!valid_instance_name(name)) {
        throw ProviderError(TP_ERR_INVALID_CONFIG, "instance name \"" + name +
                                                       "\" must be 1-128 letters, digits, '.', "
                                                       "'_' or '-' and not start with '.'");
    }
}

}  // namespace

std::unique_ptr<LocalClient> LocalClient::open(std::string_view config_json) {
    sdk::ConfigReader cfg = sdk::ConfigReader::parse(config_json);
    LocalConfig c{cfg.get_string("state_dir"), cfg.get_int("max_instances", 10, 0),
                  cfg.get_string("shell", "bash"), cfg.get_string("address", "127.0.0.1")};
    // A relative path is resolved once, here, against the working directory (tidepoold never
    // changes it), so examples can say "data/local-instances"; later calls only see the
    // absolute form.
    std::error_code ec;
    auto absolute = std::filesystem::absolute(c.state_dir, ec);
    if (c.state_dir.empty() || ec) {
        throw ProviderError(TP_ERR_INVALID_CONFIG,
                            "config field /state_dir \"" + c.state_dir +
                                "\" is not a usable directory path",
                            "/state_dir");
    }
    c.state_dir = absolute.lexically_normal().string();
    return std::make_unique<LocalClient>(std::move(c));
}

LocalClient::LocalClient(LocalConfig config)
    : config_(std::move(config)), store_(config_.state_dir) {}

void LocalClient::create(const sdk::Call& call, const sdk::VmSpec& spec, const sdk::VmSink& sink) {
    require_name(spec.name);
    InstanceStore::Lock lock(store_);
    for (const auto& existing : store_.read_all()) {
        bool same_request =
            !spec.idempotency_key.empty() && existing.idempotency_key == spec.idempotency_key;
        if (same_request && existing.pgid == 0) {
            // An earlier create recorded this instance but was cut off (tidepoold killed)
            // before recording its pid: adopt the process if it did start, else start it now.
            return sink.emit(describe(start(call, spec, existing)));
        }
        if (same_request) return sink.emit(describe(observe(existing)));  // a retry
        if (existing.name == spec.name) {
            throw ProviderError(TP_ERR_CONFLICT, "instance " + spec.name + " already exists");
        }
    }
    if (static_cast<int64_t>(store_.read_all().size()) >= config_.max_instances) {
        throw ProviderError(TP_ERR_CAPACITY, "max_instances (" +
                                                 std::to_string(config_.max_instances) +
                                                 ") reached in " + config_.state_dir);
    }
    sink.emit(describe(start(call, spec)));
}

InstanceRecord LocalClient::start(const sdk::Call& call, const sdk::VmSpec& spec,
                                  std::optional<InstanceRecord> recorded) {
    std::filesystem::path dir = store_.dir(spec.name);
    InstanceRecord record = recorded ? *recorded
                                     : InstanceRecord{spec.name, spec.idempotency_key,
                                                      random_token(), 0, 0, spec.tags,
                                                      sdk::host().now_ms(), "running",
                                                      std::nullopt};
    if (pid_t running = recorded ? find_group_by_token(record.token) : 0; running > 0) {
        record.pid = record.pgid = running;
        store_.write(record);
        return record;
    }
    std::filesystem::create_directories(dir);
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all);
    InstanceStore::write_file(dir / "startup.sh", spec.startup_script, 0700);
    // Recorded (with its token, pid 0) before the process exists: a create cut off between
    // spawning and recording the pid is then found again by its token instead of started twice.
    store_.write(record);
    SpawnRequest request{dir.string(),
                         {"/bin/sh", "-c", kWrapper, "tidepool-instance", config_.shell},
                         environment(record, spec),
                         (dir / "output.log").string()};
    try {
        record.pid = record.pgid = spawn_detached(request);
    } catch (...) {
        store_.remove(spec.name);
        throw;
    }
    store_.write(record);
    sdk::host().log(
        TP_LOG_INFO,
        "started instance " + spec.name + " as process group " + std::to_string(record.pgid), call);
    return record;
}

std::vector<std::string> LocalClient::environment(const InstanceRecord& record,
                                                  const sdk::VmSpec& spec) const {
    std::vector<std::string> env;
    for (char** e = environ; e && *e; ++e) {
        if (std::string_view(*e).rfind("TIDEPOOL_", 0) != 0) env.emplace_back(*e);
    }
    env.push_back("TIDEPOOL_INSTANCE_NAME=" + record.name);
    env.push_back("TIDEPOOL_INSTANCE_DIR=" + store_.dir(record.name).string());
    env.push_back("TIDEPOOL_INSTANCE_ADDRESS=" + config_.address);
    env.push_back("TIDEPOOL_INSTANCE_TOKEN=" + record.token);
    env.push_back("TIDEPOOL_OS_FAMILY=" + spec.os_family);
    return env;
}

InstanceRecord LocalClient::observe(InstanceRecord record) const {
    if (record.state == "gone") return record;
    if (group_alive(record.pgid, record.token)) return record;
    if (pid_t found = record.pgid == 0 ? find_group_by_token(record.token) : 0; found > 0) {
        // Spawned, but the create was cut off before recording the pid: adopt it.
        record.pid = record.pgid = found;
        try {
            store_.write(record);
        } catch (const ProviderError&) {
        }
        return record;
    }
    record.state = "gone";
    record.exit_code = store_.exit_code(record.name);
    try {
        store_.write(record);  // remember it, so a reused pgid can never revive it
    } catch (const ProviderError&) {
        // Best effort: the observation is redone on the next read.
    }
    return record;
}

sdk::VmRecord LocalClient::describe(const InstanceRecord& r) const {
    bool running = r.state != "gone";
    std::string detail = running ? "process group " + std::to_string(r.pgid)
                                 : (r.exit_code ? "exited with code " + std::to_string(*r.exit_code)
                                                : "exited (exit code unknown)");
    return sdk::VmRecord{running ? TP_VM_STATE_RUNNING : TP_VM_STATE_GONE,
                         r.name,
                         r.name,
                         config_.address,
                         "",
                         "",
                         r.tags,
                         r.created_unix_ms,
                         detail + "; log " + (store_.dir(r.name) / "output.log").string()};
}

void LocalClient::get(const sdk::Call&, std::string_view provider_id, const sdk::VmSink& sink) {
    auto record = store_.read(std::string(provider_id));
    if (!record) {
        throw ProviderError(TP_ERR_NOT_FOUND, "no instance " + std::string(provider_id));
    }
    sink.emit(describe(observe(*record)));
}

void LocalClient::list(const sdk::Call&, const sdk::KeyValues& filter, const sdk::VmSink& sink) {
    for (const auto& record : store_.read_all()) {
        if (sdk::matches_all(record.tags, filter)) sink.emit(describe(observe(record)));
    }
}

void LocalClient::remove(const sdk::Call& call, std::string_view provider_id) {
    std::string name(provider_id);
    InstanceStore::Lock lock(store_);
    auto record = store_.read(name);
    if (!record) {
        if (valid_instance_name(name)) store_.remove(name);  // leftovers of a failed create
        return;                                              // idempotent: missing is success
    }
    stop(call, observe(*record));  // observe() finds a process whose pid was never recorded
    store_.remove(name);
}

// SIGTERM, a grace period, then SIGKILL; waits on the host clock so cancellation works.
void LocalClient::stop(const sdk::Call& call, const InstanceRecord& r) const {
    if (r.state == "gone" || !signal_group(r.pgid, r.token, SIGTERM)) return;
    for (int64_t waited = 0; waited < kTermGraceMs; waited += kPollMs) {
        if (!group_alive(r.pgid, r.token)) return;
        sdk::host().sleep_ms(kPollMs, call);
    }
    signal_group(r.pgid, r.token, SIGKILL);
    for (int64_t waited = 0; waited < kKillWaitMs; waited += kPollMs) {
        if (!group_alive(r.pgid, r.token)) return;
        sdk::host().sleep_ms(kPollMs, call);
    }
    throw ProviderError(TP_ERR_UNAVAILABLE,
                        "process group " + std::to_string(r.pgid) + " survived SIGKILL");
}

}  // namespace tidepool::local_provider
