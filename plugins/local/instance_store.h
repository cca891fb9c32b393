// The local provider's durable state: one directory per instance under state_dir, holding
// startup.sh, output.log, exit_code (written by the instance's wrapper when the script ends)
// and instance.json, the record. Records are written to a temporary file and renamed into
// place, so a reader (or a tidepoold restarted mid-write) sees the old record or the new one,
// never half of one. Everything is read back from disk, so a new client — or a new tidepoold —
// sees what an earlier one created.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <tidepool/sdk/strings.hpp>

namespace tidepool::local_provider {

struct InstanceRecord {
    std::string name;  // also the provider id
    std::string idempotency_key;
    std::string token;  // marks the instance's processes (see process_group.h)
    pid_t pid = 0;
    pid_t pgid = 0;
    sdk::KeyValues tags;
    int64_t created_unix_ms = 0;
    std::string state = "running";  // "running" or "gone", as last observed
    std::optional<int> exit_code;   // when the script ended by itself
};

class InstanceStore {
public:
    explicit InstanceStore(std::filesystem::path state_dir) : root_(std::move(state_dir)) {}

    std::filesystem::path dir(const std::string& name) const { return root_ / name; }
    const std::filesystem::path& root() const { return root_; }

    // Reads one record; nullopt when there is none (or it cannot be parsed).
    std::optional<InstanceRecord> read(const std::string& name) const;
    // Every readable record, by name.
    std::vector<InstanceRecord> read_all() const;
    void write(const InstanceRecord& record) const;  // atomic; throws ProviderError
    void remove(const std::string& name) const;      // the whole instance directory
    // The exit code the instance's wrapper wrote, if the script ended by itself.
    std::optional<int> exit_code(const std::string& name) const;
    // Writes a file atomically (temp + rename) with the given mode.
    static void write_file(const std::filesystem::path& path, const std::string& text, mode_t mode);

    // Exclusive lock on state_dir/.lock across threads and processes, held while a create or
    // delete decides, so two creates with one idempotency key cannot both start an instance.
    class Lock {
    public:
        explicit Lock(const InstanceStore& store);
        ~Lock();
        Lock(const Lock&) = delete;
        Lock& operator=(const Lock&) = delete;

    private:
        int fd_ = -1;
    };

private:
    std::filesystem::path root_;
};

// Names become directory names: letters, digits, '.', '_', '-'; 1..128; no leading '.'.
bool valid_instance_name(const std::string& name);

}  // namespace tidepool::local_provider
