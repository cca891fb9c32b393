// Per-session machine accounts (the dynamic_accounts credential type) and users' own SSH keys.
// Secret members hold sealed text (secrets/sealer.h); the store never sees them in clear.
#pragma once

#include <string>

#include "model/ids.h"

namespace tidepool::model {

// pending: the in-guest service has yet to create it; created: usable by the session;
// removing: the session ended, the service should delete it; removed: gone from the machine.
enum class AccountState { pending, created, removing, removed };

struct SessionAccount {
    Id session_id;
    Id server_id;
    std::string username;
    std::string password_sealed;
    AccountState state = AccountState::pending;
    Instant updated_at{};
};

struct UserSshKey {
    std::string user;
    std::string public_key;          // OpenSSH or PEM public key, shown to operators
    std::string private_key_sealed;  // PEM, sealed
    std::string algorithm;           // "rsa", "ecdsa" or "ed25519"
    Instant updated_at{};
};

}  // namespace tidepool::model
