// Random identifiers and secrets. OpenSSL's CSPRNG backs all of them: check-in tokens are
// credentials, and ids must not collide across restarts.
#pragma once

#include <string>
#include <string_view>

namespace tidepool::runtime {

// Lowercase hex of `bytes` random bytes.
std::string random_hex(size_t bytes);

// "<prefix>-<16 hex>", e.g. "srv-3f9a0c1d2e4b5a69".
std::string new_id(std::string_view prefix);

// "<prefix>-<12 hex of Unix ms><4 hex counter><6 random hex>": sorts in creation order within
// one process, so id order is a fair first-come tie-break between requests of one second.
std::string new_sortable_id(std::string_view prefix);

// Lowercase hex SHA-256, used to store tokens without storing the tokens themselves.
std::string sha256_hex(std::string_view data);

}  // namespace tidepool::runtime
