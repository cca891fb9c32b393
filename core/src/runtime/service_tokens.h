// Service tokens: a long-lived credential each machine's in-guest service uses to talk to the
// daemon (fetch the session accounts to create, report them created). Unlike the single-use
// check-in token it is not stored: it is an HMAC of the machine id under a daemon key, so a
// re-rendered startup script gets the same token and nothing secret sits in the machines table.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "secrets/sealer.h"
#include "store/store.h"
#include "tidepool/result.h"

namespace tidepool::runtime {

class ServiceTokens {
public:
    // `key` is secret bytes (any length; 32 recommended). Empty → a random per-process key.
    explicit ServiceTokens(std::string key);

    // "<machine id>.<64 hex>"
    std::string token_for(std::string_view machine_id) const;

    // A machine's check-in token (48 hex), derived from its create intent's idempotency key.
    // Derived, not random, so a create retried after a crash renders the very token the
    // first attempt's machine already carries: the machine the cloud started then can still
    // check in. Only its hash is stored; it stays single-use and expiring.
    std::string checkin_token_for(std::string_view idempotency_key) const;

    // The machine id the token was issued to, if it is genuine (constant-time compare).
    std::optional<std::string> verify(std::string_view token) const;

private:
    std::string mac_hex(std::string_view purpose, std::string_view subject) const;
    std::string key_;
};

// The daemon's service-token key: made once at random and kept sealed in the store's meta
// table, so tokens rendered into machines' startup scripts stay valid across restarts.
Result<std::string> load_or_create_service_token_key(store::Store& store,
                                                     const secrets::Sealer& sealer);

}  // namespace tidepool::runtime
