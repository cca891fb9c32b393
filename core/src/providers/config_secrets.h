// Secret members of a provider config at rest: the members a plugin's schema marks
// "x-tidepool-secret" are sealed (secrets/sealer.h) before the config is stored and unsealed
// only when the config is handed to the plugin's open(). They are write-only in the API: a
// config sent without a secret member, or with the redaction placeholder "********" in it,
// keeps the value already stored.
//
// A sealed member holds the JSON text of the original value (so a non-string secret round
// trips too), sealed with the context "provider-config/<config id><JSON pointer>": a sealed
// value copied to another config or member does not open there.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "secrets/sealer.h"
#include "tidepool/result.h"

namespace tidepool::providers {

inline constexpr std::string_view kRedacted = "********";

// `incoming` with each secret member that is absent or "********" taken from `stored` (a
// stored config's JSON, its secrets sealed or not), unsealed. Members the stored config lacks
// stay as they are (so schema validation reports a required one as missing).
Result<std::string> keep_stored_secrets(std::string_view incoming,
                                        const std::optional<std::string>& stored,
                                        const std::vector<std::string>& secret_pointers,
                                        const secrets::Sealer& sealer, std::string_view config_id);

// Seals every secret member present and not sealed yet.
Result<std::string> seal_secret_members(std::string_view config_json,
                                        const std::vector<std::string>& secret_pointers,
                                        const secrets::Sealer& sealer, std::string_view config_id);

// Unseals every sealed string in the config, wherever it is (so a plugin whose schema changed
// still gets its old secrets in clear). Fails, naming the member, when one does not open.
Result<std::string> unseal_secret_members(std::string_view config_json,
                                          const secrets::Sealer& sealer,
                                          std::string_view config_id);

}  // namespace tidepool::providers
