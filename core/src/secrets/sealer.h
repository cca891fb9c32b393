// Sealer: authenticated encryption for secrets the daemon stores (provider credentials,
// passwords, private keys, tokens), so a copied database file or backup reveals none of them.
//
// A sealed value is printable and self-describing: "tpsealed:v1:" followed by base64 of
// nonce (12 bytes) || ciphertext || GCM tag (16 bytes). The cipher is AES-256-GCM with a fresh
// random 96-bit nonce per seal. `context` (for example "provider-config/aws-prod/secret_key")
// is bound as additional authenticated data: a sealed value copied into another slot does not
// unseal there, and any flipped bit in the value is detected.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "tidepool/result.h"

namespace tidepool::secrets {

inline constexpr std::string_view kSealedPrefix = "tpsealed:v1:";
inline constexpr std::size_t kKeyBytes = 32;

using SealKey = std::array<std::uint8_t, kKeyBytes>;

class Sealer {
public:
    // Reads the 32-byte key at `key_file`, or creates it (mode 0600, from the OS CSPRNG) when
    // the file does not exist. Refuses a key file of the wrong size or one that the group or
    // others can read, naming the file and the fix.
    static Result<Sealer> open_or_create(const std::filesystem::path& key_file);

    // For tests and tools that hold a key already.
    explicit Sealer(const SealKey& key) : key_(key) {}

    std::string seal(std::string_view plaintext, std::string_view context) const;
    Result<std::string> unseal(std::string_view sealed, std::string_view context) const;

    // True when `text` looks like a value seal() produced (it may still fail to unseal).
    static bool is_sealed(std::string_view text);

private:
    SealKey key_;
};

}  // namespace tidepool::secrets
