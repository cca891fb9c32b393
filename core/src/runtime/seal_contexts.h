// The context each runtime-sealed secret is bound to (secrets::Sealer's AAD). One place, so
// the code that seals a value and the code that opens it can never disagree on the slot.
#pragma once

#include <string>

#include "model/ids.h"

namespace tidepool::runtime {

inline std::string session_account_context(const model::Id& session_id) {
    return "session-account/" + session_id;
}
inline std::string user_ssh_key_context(const std::string& user) { return "user-ssh-key/" + user; }
inline std::string machine_credential_context(const model::Id& machine_id) {
    return "machine-credential:" + machine_id;
}

}  // namespace tidepool::runtime
