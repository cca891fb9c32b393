// URI helpers shared by request signers: RFC 3986 percent-encoding and path normalization.
#pragma once

#include <string>
#include <string_view>

namespace tidepool::sdk::auth {

// Percent-encodes every byte outside the RFC 3986 unreserved set (A-Z a-z 0-9 - . _ ~) as
// upper-case %XX. '/' is kept as-is unless encode_slash, so the same helper serves paths
// (encode_slash = false) and query keys/values (encode_slash = true). Bytes are treated
// individually, so UTF-8 text comes out as one %XX per byte, as AWS requires.
std::string uri_encode(std::string_view text, bool encode_slash);

// Decodes %XX escapes. A '%' not followed by two hex digits is kept literally and '+' is not
// a space: signers must canonicalize exactly what is sent, not what a form decoder would guess.
std::string percent_decode(std::string_view text);

// Removes "." and ".." segments and empty segments (double slashes) from an absolute path,
// as RFC 3986 section 5.2.4 does, except that repeated slashes collapse too (AWS SigV4 rule).
// A trailing slash survives; the result is never empty ("" and "/.." become "/").
std::string normalize_path(std::string_view path);

}  // namespace tidepool::sdk::auth
