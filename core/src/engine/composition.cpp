#include "engine/composition.h"

#include <ctime>

#include "model/config_bundle.h"
#include "runtime/service_tokens.h"

namespace fs = std::filesystem;

namespace tidepool::engine {

Result<std::unique_ptr<Composition>> Composition::open(CompositionOptions options) {
    if (options.data_dir.empty() && options.store_path.empty())
        return make_error(ErrorCode::invalid, "a data directory or a store path is required",
                          "/data_dir");
    if (options.data_dir.empty()) options.data_dir = options.store_path.parent_path();
    if (options.data_dir.empty()) options.data_dir = ".";
    if (options.store_path.empty()) options.store_path = options.data_dir / "tidepool.db";
    std::unique_ptr<Composition> c(new Composition(std::move(options)));
    if (auto r = c->open_parts(); !r.ok()) return r.error();
    return c;
}

Result<void> Composition::open_parts() {
    std::error_code ec;
    fs::create_directories(options_.data_dir, ec);
    if (ec)
        return make_error(ErrorCode::invalid, "cannot create data directory " +
                                                  options_.data_dir.string() + ": " +
                                                  ec.message(), "/data_dir");
    auto st = store::open_sqlite_store({options_.store_path.string()});
    if (!st.ok()) return st.error();
    store_ = std::move(st.value());
    auto sealer = secrets::Sealer::open_or_create(options_.data_dir / "sealing.key");
    if (!sealer.ok()) return sealer.error();
    sealer_ = std::make_shared<const secrets::Sealer>(std::move(sealer.value()));
    auto token_key = runtime::load_or_create_service_token_key(*store_, *sealer_);
    if (!token_key.ok()) return token_key.error();
    service_token_key_ = token_key.value();
    // Provider-config secrets are sealed at rest under the same key (docs/security.md).
    plugins_ = PluginStack::open(options_.plugin_dirs, *store_, options_.log, sealer_);
    return {};
}

std::unique_ptr<runtime::Runtime> Composition::make_runtime(boost::asio::io_context& io,
                                                            runtime::RuntimeOptions base) {
    base.sealer = sealer_.get();
    base.service_token_key = service_token_key_;
    if (options_.log)
        base.log = [log = options_.log](const std::string& level, const std::string& line) {
            log(level, line, "");
        };
    return std::make_unique<runtime::Runtime>(io, std::move(base), *store_, plugins_->gateway());
}

Result<runtime::ApplyCounts> Composition::apply_bundle_text(std::string_view json) {
    auto bundle = model::parse_config_bundle_text(json);
    if (!bundle.ok()) return bundle.error();
    const runtime::ConnectionPrep prep{sealer_.get(), std::time(nullptr)};
    return runtime::apply_bundle(*store_, plugins_->gateway(), bundle.value(), prep);
}

}  // namespace tidepool::engine
