// The provisioning journal: every provider action is written as an intent before the call and
// settled after, so a crash at any point can be finished or rolled back (DESIGN §4).
#pragma once

#include <cstdint>
#include <string>

#include "model/ids.h"

namespace tidepool::model {

enum class JournalOp { create_vm, delete_vm, dns_upsert, dns_delete };
enum class JournalState { intent, settled, failed };

struct JournalEntry {
    std::int64_t seq = 0;         // assigned by the store
    JournalOp op = JournalOp::create_vm;
    JournalState state = JournalState::intent;
    Id config_id;
    Id provider_config_id;
    Id machine_id;                // the Server/agent row this action is for
    std::string unique_name;      // the VM name given to the provider
    std::string idempotency_key;
    std::string tags_json;        // {"tidepool:installation":…, …}
    std::string provider_id;      // filled when known
    std::string error;            // why it failed, when state == failed
    Instant created_at{};
    Instant settled_at{};
};

}  // namespace tidepool::model
