// What a simulated cloud holds: its VMs, with every state derived from timestamps. Nothing
// changes in the background: PENDING becomes RUNNING, and DELETING becomes GONE, simply because
// the host clock has passed the instant recorded at create or delete time. That is why the sim
// needs no threads and runs unchanged on real or virtual time.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include <tidepool/vm_provider.h>
#include <tidepool/sdk/strings.hpp>

namespace tidepool::sim {

struct SimVm {
    uint64_t number = 0;  // the <n> of "sim-<cloud>-<n>"; never reused within a cloud
    std::string id;
    std::string name;
    std::string idempotency_key;  // empty: the create was not de-duplicated
    sdk::KeyValues tags;
    std::string os_family;
    std::string startup_script;  // kept so harnesses can read what the core rendered
    std::string private_ip;
    int64_t created_ms = 0;
    int64_t boot_ms = 0;              // RUNNING from created_ms + boot_ms
    int64_t delete_requested_ms = 0;  // 0: never deleted
    int64_t delete_ms = 0;            // GONE from delete_requested_ms + delete_ms

    bool deleting() const { return delete_requested_ms > 0; }
    int64_t running_at() const { return created_ms + boot_ms; }
    int64_t gone_at() const { return delete_requested_ms + delete_ms; }

    int32_t state_at(int64_t now_ms) const {
        if (deleting()) return now_ms >= gone_at() ? TP_VM_STATE_GONE : TP_VM_STATE_DELETING;
        return now_ms >= running_at() ? TP_VM_STATE_RUNNING : TP_VM_STATE_PENDING;
    }
    // Still holding capacity: a terminating VM counts until it is GONE, as on real clouds.
    bool live_at(int64_t now_ms) const { return state_at(now_ms) != TP_VM_STATE_GONE; }
    // GONE VMs stay listed for gone_visible_ms, then the cloud forgets them.
    bool forgotten_at(int64_t now_ms, int64_t gone_visible_ms) const {
        return deleting() && now_ms >= gone_at() + gone_visible_ms;
    }
};

struct CloudState {
    std::string cloud;
    uint64_t next_number = 1;
    std::map<uint64_t, SimVm> vms;  // by number, so listings come in creation order
};

// 10.x.y.z from the VM's number: unique for the first 16 million VMs of a cloud, and the same
// in every replay of a seeded run.
inline std::string private_ip_for(uint64_t number) {
    return "10." + std::to_string((number >> 16) & 255) + "." +
           std::to_string((number >> 8) & 255) + "." + std::to_string(number & 255);
}

}  // namespace tidepool::sim
