// Connection settings as the runtime uses them: unsealed only at the moment a startup script or
// a connection descriptor needs a secret, never kept in clear.
#include "connect/connection_secrets.h"
#include "runtime/runtime.h"

namespace tidepool::runtime {

Result<model::ConnectionSettings> Runtime::clear_connection(
    const model::AutoScaleConfig& config) const {
    if (options_.sealer == nullptr) return config.connection;  // nothing was sealed
    return connect::unseal_connection_secrets(config.connection, *options_.sealer, config.id);
}

}  // namespace tidepool::runtime
