#include "connect/connection_secrets.h"

#include <array>
#include <utility>

namespace tidepool::connect {

namespace {

using Member = std::string model::ConnectionSettings::*;

// Every secret member with the name that binds its sealed value to this slot.
constexpr std::array<std::pair<Member, const char*>, 4> kSecretMembers{{
    {&model::ConnectionSettings::password, "connection_password"},
    {&model::ConnectionSettings::private_key, "connection_private_key"},
    {&model::ConnectionSettings::private_key_passphrase, "connection_private_key_passphrase"},
    {&model::ConnectionSettings::nginx_key, "nginx_key"},
}};

std::string context_for(const std::string& config_id, const char* member) {
    return "autoscale-config/" + config_id + "/" + member;
}

}  // namespace

void seal_connection_secrets(model::ConnectionSettings& settings,
                             const secrets::Sealer& sealer, const std::string& config_id) {
    for (const auto& [member, name] : kSecretMembers) {
        std::string& value = settings.*member;
        if (value.empty() || secrets::Sealer::is_sealed(value)) continue;
        value = sealer.seal(value, context_for(config_id, name));
    }
}

Result<model::ConnectionSettings> unseal_connection_secrets(
    const model::ConnectionSettings& settings, const secrets::Sealer& sealer,
    const std::string& config_id) {
    model::ConnectionSettings clear = settings;
    for (const auto& [member, name] : kSecretMembers) {
        std::string& value = clear.*member;
        if (!secrets::Sealer::is_sealed(value)) continue;
        auto opened = sealer.unseal(value, context_for(config_id, name));
        if (!opened)
            return make_error(ErrorCode::internal,
                              std::string("the stored ") + name + " of autoscale config '" +
                                  config_id + "' does not unseal: " + opened.error().message);
        value = std::move(*opened);
    }
    return clear;
}

void keep_unchanged_secrets(model::ConnectionSettings& incoming,
                            const model::ConnectionSettings& stored) {
    for (const auto& [member, name] : kSecretMembers) {
        (void)name;
        if (incoming.*member == model::kRedactedSecret) incoming.*member = stored.*member;
    }
}

const char* unresolved_redaction(const model::ConnectionSettings& settings) {
    for (const auto& [member, name] : kSecretMembers)
        if (settings.*member == model::kRedactedSecret) return name;
    return nullptr;
}

}  // namespace tidepool::connect
