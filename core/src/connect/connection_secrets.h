// Sealing the secret members of an autoscale config's connection settings before they are
// stored, unsealing them only where a descriptor or a startup script needs them, and keeping
// a stored secret when an update sends back the redaction mark.
#pragma once

#include <string>

#include "model/connection.h"
#include "secrets/sealer.h"
#include "tidepool/result.h"

namespace tidepool::connect {

// Members that are empty or already sealed are left as they are.
void seal_connection_secrets(model::ConnectionSettings& settings,
                             const secrets::Sealer& sealer, const std::string& config_id);

// The settings with every secret member in clear. Fails if a member does not unseal (a
// different key file, or a value moved from another config).
Result<model::ConnectionSettings> unseal_connection_secrets(
    const model::ConnectionSettings& settings, const secrets::Sealer& sealer,
    const std::string& config_id);

// An update that sends a secret back as model::kRedactedSecret keeps the stored value.
void keep_unchanged_secrets(model::ConnectionSettings& incoming,
                            const model::ConnectionSettings& stored);

// The JSON name of a secret member still holding the redaction mark (nothing stored to keep),
// or nullptr when there is none.
const char* unresolved_redaction(const model::ConnectionSettings& settings);

}  // namespace tidepool::connect
