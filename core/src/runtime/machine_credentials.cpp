// Windows passwords the provider generates (EC2 GetPasswordData): fetched once a machine of a
// windows config is running and the config's connection password is blank, sealed at once and
// stored in machine_credentials. The clear text lives only between the provider call and
// Sealer::seal; it is never logged, published or returned by the API.
#include "runtime/runtime.h"
#include "runtime/seal_contexts.h"

namespace tidepool::runtime {

namespace {

constexpr std::chrono::seconds kPasswordRetry{30};

bool wants_provider_password(const model::AutoScaleConfig& config) {
    return config.os_family == "windows" && config.connection.password.empty();
}

}  // namespace

void Runtime::fetch_machine_password(const model::Server& server) {
    auto config = store_.get_autoscale_config(server.config_id);
    if (!config.ok() || !wants_provider_password(config.value()) || server.provider_id.empty())
        return;
    if (!options_.sealer) {
        log("warn", "server " + server.name + ": not fetching its Windows password, the "
                    "daemon has no sealing key to store it with");
        return;
    }
    password_retry_at_.erase(server.id);
    auto call = call_options(std::chrono::seconds(60));
    offload([this, call, provider = config->vm_provider_id, pid = server.provider_id] {
                return providers_.get_credentials(provider, pid, call);
            },
            [this, id = server.id, name = server.name](Result<std::vector<MachineSecret>> got) {
                if (!got.ok()) {
                    if (got.error().code == ErrorCode::unavailable) {
                        password_retry_at_[id] = now() + kPasswordRetry;  // not generated yet
                    } else {
                        log("warn", "server " + name + ": no Windows password: " +
                                        got.error().message);
                    }
                    return;
                }
                for (const MachineSecret& secret : got.value()) {
                    store::MachineCredential row{id, secret.kind, secret.username,
                                                 options_.sealer->seal(secret.secret,
                                                                       machine_credential_context(id)),
                                                 now()};
                    if (auto r = store_.put_machine_credential(row); !r.ok()) {
                        log("error", "server " + name + ": cannot store its password: " +
                                         r.error().message);
                        return;
                    }
                    log("info", "server " + name + ": stored its " + secret.kind + " (sealed)");
                    return;  // one credential per machine
                }
            });
}

void Runtime::retry_machine_passwords() {
    for (auto it = password_retry_at_.begin(); it != password_retry_at_.end();) {
        if (now() < it->second) {
            ++it;
            continue;
        }
        auto server = store_.get_server(it->first);
        it = password_retry_at_.erase(it);
        if (server.ok() && server->state == model::MachineState::running) {
            fetch_machine_password(server.value());
        }
    }
}

}  // namespace tidepool::runtime
