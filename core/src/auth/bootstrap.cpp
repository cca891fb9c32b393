#include "auth/bootstrap.h"

#include "secrets/key_file.h"

namespace tidepool::auth {

Result<std::optional<std::filesystem::path>> ensure_bootstrap_key(
    Authenticator& auth, const std::filesystem::path& file) {
    auto keys = auth.list_keys();
    if (!keys) return keys.error();
    if (!keys->empty()) return std::optional<std::filesystem::path>();
    std::error_code ec;
    std::filesystem::remove(file, ec);  // stale: its key is not in this database
    const Credentials credentials = new_credentials();
    if (auto written = secrets::write_private_file(file, format_token(credentials) + "\n");
        !written) {
        return make_error(written.error().code,
                          "cannot write the bootstrap admin key: " + written.error().message);
    }
    auto created = auth.create_key(Role::admin, "bootstrap", credentials);
    if (!created) return created.error();
    return std::optional<std::filesystem::path>(file);
}

}  // namespace tidepool::auth
