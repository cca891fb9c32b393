#include "runtime/connection_config.h"

#include "connect/connection_rules.h"
#include "connect/connection_secrets.h"

namespace tidepool::runtime {

namespace {

Result<model::PoolKind> pool_kind_of(const model::Id& pool_id, store::Store& store,
                                     const model::ConfigBundle* bundle) {
    if (bundle)
        for (const auto& p : bundle->pools)
            if (p.id == pool_id) return p.kind;
    auto pool = store.get_pool(pool_id);
    if (!pool.ok()) return model::PoolKind::server;  // the reference check reports it
    return pool->kind;
}

Error at(const std::string& pointer, Error e) {
    e.field = pointer + e.field;
    return e;
}

}  // namespace

Result<void> prepare_connection_settings(model::AutoScaleConfig& config, store::Store& store,
                                         const model::ConfigBundle* bundle,
                                         const ConnectionPrep& prep, const std::string& pointer) {
    auto& settings = config.connection;
    if (auto stored = store.get_autoscale_config(config.id); stored.ok())
        connect::keep_unchanged_secrets(settings, stored->connection);
    if (const char* name = connect::unresolved_redaction(settings))
        return make_error(ErrorCode::invalid,
                          std::string("\"") + name + "\" is the redaction mark \"********\" but "
                          "no value is stored to keep; send the secret itself",
                          pointer + "/" + name);
    if (prep.sealer) {
        auto clear = connect::unseal_connection_secrets(settings, *prep.sealer, config.id);
        if (!clear.ok()) return clear.error();
        settings = std::move(clear.value());
    }
    auto kind = pool_kind_of(config.pool_id, store, bundle);
    if (!kind.ok()) return kind.error();
    connect::ConnectionContext context{config.connection_type, kind.value(), config.base_domain,
                                       prep.now_unix};
    if (auto r = connect::validate_connection(settings, context); !r.ok())
        return at(pointer, r.error());
    if (prep.sealer) connect::seal_connection_secrets(settings, *prep.sealer, config.id);
    return {};
}

}  // namespace tidepool::runtime
