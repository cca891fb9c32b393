// A cloud's optional durable copy: one JSON document, replaced atomically (temp file, fsync,
// rename), so a tidepoold killed at any instant leaves the old state or the new one, never half
// of one. After a restart the plugin reads it back and the VMs are still there, like a real
// cloud's.
//
// The file, not memory, is the source of truth: every call first checks whether the file was
// replaced since this process last saw it (another tidepoold, or another loaded version of
// this plugin during a hot reload) and re-reads it if so. Mutations hold an flock on
// "<file>.lock" from that check until their write, so two writers never lose each other's VMs.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "cloud_state.h"

namespace tidepool::sim {

// Serialises a cloud (format "tidepool-sim-state/1").
std::string state_to_json(const CloudState& state);
// Parses one; throws sdk::ProviderError(TP_ERR_INVALID_CONFIG, field "/state_file") naming the
// file and what is wrong.
CloudState state_from_json(const std::string& text, const std::string& path);

class StateFile {
public:
    explicit StateFile(std::filesystem::path path) : path_(std::move(path)) {}

    const std::filesystem::path& path() const { return path_; }

    // Re-reads the file into state if it was replaced since we last read or wrote it. A missing
    // file is an empty cloud. Returns true when state was replaced.
    bool refresh(CloudState& state);
    // Writes state atomically and remembers the new file's identity. Throws TP_ERR_INTERNAL.
    void save(const CloudState& state);

    // Exclusive flock on "<file>.lock", across processes and across plugin copies in one
    // process (flock locks belong to the open file description, not the process).
    class Lock {
    public:
        explicit Lock(const StateFile& file);
        ~Lock();
        Lock(const Lock&) = delete;
        Lock& operator=(const Lock&) = delete;

    private:
        int fd_ = -1;
    };

private:
    // Enough to tell a renamed-in replacement from the file we saw: rename always brings a new
    // inode, and size + mtime guard against inode reuse.
    struct Stamp {
        dev_t dev = 0;
        ino_t ino = 0;
        off_t size = 0;
        int64_t mtime_ns = 0;
        bool operator==(const Stamp& o) const {
            return dev == o.dev && ino == o.ino && size == o.size && mtime_ns == o.mtime_ns;
        }
    };
    std::optional<Stamp> stamp_now() const;  // nullopt: no file

    std::filesystem::path path_;
    bool seen_ = false;                // refresh() or save() ran at least once
    std::optional<Stamp> seen_stamp_;  // the file as last read or written (nullopt: absent)
};

}  // namespace tidepool::sim
