#include "auth/authenticator.h"

#include "auth/bearer.h"
#include "auth/key_hash.h"

namespace tidepool::auth {
namespace {

constexpr std::size_t kMaxNameLength = 64;

Error refused(std::string message) {
    return make_error(ErrorCode::unauthenticated, std::move(message));
}

model::Instant now_utc() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

bool is_revoked(const store::ApiKeyRecord& r) { return r.revoked_at != model::Instant{}; }

}  // namespace

Result<void> validate_key_name(const std::string& name) {
    if (name.size() > kMaxNameLength) {
        return make_error(ErrorCode::invalid,
                          "name is " + std::to_string(name.size()) +
                              " characters long; at most 64 are allowed",
                          "/name");
    }
    for (unsigned char c : name) {
        if (c < 0x20 || c == 0x7f) {
            return make_error(ErrorCode::invalid,
                              "name contains a control character; use printable text", "/name");
        }
    }
    return {};
}

Authenticator::Authenticator(store::Store& store, Options options)
    : store_(store), options_(std::move(options)) {}

Result<Principal> Authenticator::authenticate(std::optional<std::string_view> authorization) {
    auto credentials = parse_authorization(authorization);
    if (!credentials) return credentials.error();
    if (auto hit = cached(credentials->key_id, credentials->secret)) return *hit;
    return verify_with_store(credentials->key_id, credentials->secret);
}

std::optional<Result<Principal>> Authenticator::authenticate_cached(
    std::optional<std::string_view> authorization) {
    auto credentials = parse_authorization(authorization);
    if (!credentials) return Result<Principal>(credentials.error());
    if (auto hit = cached(credentials->key_id, credentials->secret)) return Result<Principal>(*hit);
    return std::nullopt;
}

std::optional<Principal> Authenticator::cached(const std::string& id, const std::string& secret) {
    const std::string digest = sha256_hex(secret);
    std::lock_guard lock(mu_);
    auto it = cache_.find(id);
    if (it == cache_.end()) return std::nullopt;
    if (it->second.expires <= options_.now()) {
        cache_.erase(it);
        return std::nullopt;
    }
    if (!constant_time_equal(digest, it->second.secret_sha256)) return std::nullopt;
    return it->second.principal;
}

Result<Principal> Authenticator::verify_with_store(const std::string& id,
                                                   const std::string& secret) {
    std::uint64_t revocations_before = 0;
    {
        std::lock_guard lock(mu_);
        revocations_before = revocations_;
    }
    auto record = store_.get_api_key(id);
    if (!record) {
        if (record.error().code == ErrorCode::not_found) return refused("unknown API key " + id);
        return record.error();
    }
    if (is_revoked(*record)) return refused("API key " + id + " has been revoked");
    if (!verify_secret(secret, {record->salt_hex, record->hash_hex, record->iterations})) {
        return refused("wrong secret for API key " + id);
    }
    auto role = parse_role(record->role);
    if (!role) {
        return make_error(ErrorCode::internal,
                          "API key " + id + " has an unknown stored role \"" + record->role + "\"");
    }
    Principal principal{id, record->name, *role};
    std::lock_guard lock(mu_);
    if (revocations_ == revocations_before) {
        cache_[id] = Verified{sha256_hex(secret), principal, options_.now() + options_.cache_ttl};
    }
    return principal;
}

Result<CreatedKey> Authenticator::create_key(Role role, const std::string& name) {
    return create_key(role, name, new_credentials());
}

Result<CreatedKey> Authenticator::create_key(Role role, const std::string& name,
                                             const Credentials& credentials) {
    if (auto valid = validate_key_name(name); !valid) return valid.error();
    const KeyHash hash = hash_secret(credentials.secret, options_.iterations);
    store::ApiKeyRecord record{credentials.key_id, name,          to_string(role),
                               hash.salt_hex,      hash.hash_hex, hash.iterations,
                               now_utc(),          {}};
    if (auto stored = store_.put_api_key(record); !stored) return stored.error();
    return CreatedKey{record, format_token(credentials)};
}

Result<std::vector<store::ApiKeyRecord>> Authenticator::list_keys() {
    return store_.list_api_keys();
}

Result<store::ApiKeyRecord> Authenticator::get_key(const std::string& id) {
    return store_.get_api_key(id);
}

Result<void> Authenticator::refuse_last_admin(const store::ApiKeyRecord& key) {
    if (key.role != to_string(Role::admin)) return {};
    auto keys = store_.list_api_keys();
    if (!keys) return keys.error();
    for (const auto& other : *keys) {
        if (other.id != key.id && other.role == key.role && !is_revoked(other)) return {};
    }
    return make_error(ErrorCode::conflict,
                      "API key " + key.id + " is the last active admin key; create another "
                      "admin key first (tidepool key create --role admin)");
}

Result<store::ApiKeyRecord> Authenticator::revoke_key(const std::string& id) {
    auto record = store_.get_api_key(id);
    if (!record) return record.error();
    if (!is_revoked(*record)) {
        if (auto allowed = refuse_last_admin(*record); !allowed) return allowed.error();
        record->revoked_at = now_utc();
        if (auto stored = store_.put_api_key(*record); !stored) return stored.error();
    }
    std::lock_guard lock(mu_);
    ++revocations_;
    cache_.erase(id);
    return *record;
}

}  // namespace tidepool::auth
