// The API key wire format.
//
// A key is an id and a secret, written "<id>.<secret>" and sent as
//
//     Authorization: Bearer key-3f9a0c1d2e4b5a69.9c1e…(64 lowercase hex digits)
//
// The id ("key-" + 16 hex digits) is not secret: it names the key in `tidepool key list`, in
// logs and in revocation. The secret is 32 random bytes as 64 hex digits, shown once when the
// key is created and never stored (only its hash is).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "tidepool/result.h"

namespace tidepool::auth {

struct Credentials {
    std::string key_id;
    std::string secret;
};

// A new random id and secret.
Credentials new_credentials();

// "<id>.<secret>"
std::string format_token(const Credentials& credentials);

// Splits "<id>.<secret>" (surrounding whitespace ignored); an `unauthenticated` Error says
// what is wrong with the text without echoing it.
Result<Credentials> parse_token(std::string_view token);

// Reads an Authorization header value; nullopt header means none was sent.
Result<Credentials> parse_authorization(std::optional<std::string_view> header);

}  // namespace tidepool::auth
