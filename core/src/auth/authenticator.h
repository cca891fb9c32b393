// Authenticator: creates, lists, revokes and verifies API keys.
//
// Verifying a secret costs one PBKDF2 run (auth/key_hash.h), too slow to pay on every request.
// A key that verified is remembered for `cache_ttl` (default 60 s) as the SHA-256 of the
// secret that worked; later requests compare that digest in constant time. Revoking a key
// drops it from the cache at once (and a verification racing the revocation is not cached),
// so a revoked key stops working immediately on this daemon.
//
// Thread-safe. The HTTP guard answers from authenticate_cached() on the server thread and runs
// authenticate() on its own verification threads (daemon/auth_guard.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "auth/bearer.h"
#include "auth/key_hash.h"
#include "auth/role.h"
#include "store/store.h"

namespace tidepool::auth {

// Who is calling.
struct Principal {
    std::string key_id;
    std::string name;
    Role role = Role::read_only;
};

struct CreatedKey {
    store::ApiKeyRecord record;
    std::string token;  // "<id>.<secret>": the only time the secret exists outside the client
};

class Authenticator {
public:
    struct Options {
        std::chrono::seconds cache_ttl{60};
        int iterations = kDefaultIterations;  // PBKDF2 rounds for keys created from now on
        std::function<std::chrono::steady_clock::time_point()> now = [] {
            return std::chrono::steady_clock::now();
        };
    };

    explicit Authenticator(store::Store& store) : Authenticator(store, Options{}) {}
    Authenticator(store::Store& store, Options options);

    // Checks an Authorization header value (nullopt: none sent). `unauthenticated` errors
    // say what is wrong (missing, malformed, unknown, revoked, wrong secret), never the secret.
    Result<Principal> authenticate(std::optional<std::string_view> authorization);
    // The answer when it costs no PBKDF2 run and no store read: a malformed or missing header
    // (refused) or a key verified recently (from the cache). nullopt: call authenticate(),
    // which may take a PBKDF2 run, off any latency-sensitive thread.
    std::optional<Result<Principal>> authenticate_cached(
        std::optional<std::string_view> authorization);

    // `name` is free text for operators (at most 64 printable characters; may be empty).
    Result<CreatedKey> create_key(Role role, const std::string& name);
    // The same with credentials made by the caller (bootstrap writes them to a file first).
    Result<CreatedKey> create_key(Role role, const std::string& name,
                                  const Credentials& credentials);
    Result<std::vector<store::ApiKeyRecord>> list_keys();
    Result<store::ApiKeyRecord> get_key(const std::string& id);
    // Marks the key revoked (kept as history). Revoking twice is not an error. Refuses
    // (conflict) to revoke the last active admin key: nobody could manage keys afterwards.
    Result<store::ApiKeyRecord> revoke_key(const std::string& id);

private:
    struct Verified {
        std::string secret_sha256;
        Principal principal;
        std::chrono::steady_clock::time_point expires;
    };
    std::optional<Principal> cached(const std::string& id, const std::string& secret);
    Result<Principal> verify_with_store(const std::string& id, const std::string& secret);
    Result<void> refuse_last_admin(const store::ApiKeyRecord& key);

    store::Store& store_;
    Options options_;
    std::mutex mu_;
    std::unordered_map<std::string, Verified> cache_;
    std::uint64_t revocations_ = 0;  // bumped by revoke_key; a verification spanning one is not cached
};

// Validates a key name: at most 64 characters, none of them control characters. The error
// names the field "/name".
Result<void> validate_key_name(const std::string& name);

}  // namespace tidepool::auth
