#include "plugins/conformance.h"

#include <random>

#include <fmt/format.h>

#include "plugins/loader.h"
#include "plugins/vm_client.h"

namespace tidepool::plugins {

namespace {

// Prints steps and remembers whether any failed.
class Report {
public:
    explicit Report(std::ostream& out) : out_(out) {}
    void ok(std::string_view step) { out_ << "ok   " << step << '\n'; }
    bool fail(std::string_view step, std::string_view reason) {
        out_ << "FAIL " << step << ": " << reason << '\n';
        failed_ = true;
        return false;
    }
    bool check(std::string_view step, const Error* error) {
        if (!error) {
            ok(step);
            return true;
        }
        return fail(step, error->message);
    }
    bool failed() const { return failed_; }

private:
    std::ostream& out_;
    bool failed_ = false;
};

std::string unique_name() {
    std::random_device random;
    return fmt::format("tpconf-{:08x}", random());
}

VmSpec conformance_spec() {
    VmSpec spec;
    spec.name = unique_name();
    spec.idempotency_key = spec.name + "-create";
    spec.tags = {{"tidepool:installation", "conformance"},
                 {"tidepool:config", "conformance"},
                 {"tidepool:instance", spec.name}};
    spec.startup_script = "#!/bin/sh\n# tidepool plugin check\nsleep 300\n";
    return spec;
}

// Drives one instance through its whole life; stops at the first failed step.
class Lifecycle {
public:
    Lifecycle(VmClient& client, Report& report, const ConformanceOptions& options, Clock& clock)
        : client_(client), report_(report), options_(options), clock_(clock) {}

    void run() {
        VmSpec spec = conformance_spec();
        if (!create(spec)) return;
        bool found = listed(spec) && got() && idempotent(spec);
        if (!found) report_.ok("cleanup attempted: " + cleanup());
        if (found && removed())
            report_.check("delete again", error_of(client_.delete_vm(id_, call())));
    }

private:
    CallOptions call() const {
        CallOptions o;
        o.deadline_unix_ms = clock_.now_unix_ms() + options_.call_timeout_ms;
        return o;
    }
    template <class R>
    static const Error* error_of(const R& r) {
        return r ? nullptr : &r.error();
    }

    bool create(const VmSpec& spec) {
        auto vm = client_.create_vm(spec, call());
        if (!vm) return report_.fail("create " + spec.name, vm.error().message);
        if (vm->provider_id.empty()) return report_.fail("create", "empty provider_id");
        id_ = vm->provider_id;
        report_.ok(fmt::format("create {} (provider id {})", spec.name, id_));
        return true;
    }

    bool listed(const VmSpec& spec) {
        auto vms = client_.list_vms({spec.tags.back()}, call());
        if (!vms) return report_.fail("list by tag", vms.error().message);
        for (const auto& vm : *vms) {
            if (vm.provider_id == id_) return report_.check("list by tag", nullptr);
        }
        return report_.fail("list by tag", "the new instance is not listed under its tags");
    }

    bool got() {
        auto vm = client_.get_vm(id_, call());
        if (!vm) return report_.fail("get", vm.error().message);
        if (vm->provider_id != id_) return report_.fail("get", "returned another instance");
        return report_.check("get", nullptr);
    }

    bool idempotent(const VmSpec& spec) {
        auto again = client_.create_vm(spec, call());
        if (!again)
            return report_.fail("create retry (same idempotency key)", again.error().message);
        auto vms = client_.list_vms({spec.tags.back()}, call());
        if (again->provider_id != id_ || !vms || vms->size() != 1) {
            return report_.fail("create retry (same idempotency key)",
                                "a retried create made a second instance");
        }
        return report_.check("create retry (same idempotency key)", nullptr);
    }

    bool removed() {
        if (!report_.check("delete", error_of(client_.delete_vm(id_, call())))) return false;
        for (int i = 0; i < options_.gone_polls; ++i) {
            auto vm = client_.get_vm(id_, call());
            if (!vm && vm.error().code == ErrorCode::not_found)
                return report_.check("gone", nullptr);
            if (vm && vm->state == TP_VM_STATE_GONE) return report_.check("gone", nullptr);
            clock_.sleep_ms(nullptr, options_.poll_interval_ms);
        }
        return report_.fail("gone",
                            fmt::format("still present after {} polls", options_.gone_polls));
    }

    std::string cleanup() {
        auto ok = client_.delete_vm(id_, call());
        return ok ? "deleted " + id_ : ok.error().message;
    }

    VmClient& client_;
    Report& report_;
    const ConformanceOptions& options_;
    Clock& clock_;
    std::string id_;
};

void check_with_config(std::shared_ptr<LoadedPlugin> plugin, const std::string& config,
                       Report& report, const ConformanceOptions& options, Clock& clock) {
    const ConfigSchema* schema = plugin->schema(InterfaceKind::vm);
    if (!schema) {
        report.fail("vm lifecycle", "the plugin offers no " TP_VM_PROVIDER_ID
                                    " (this kit has no DNS lifecycle checks yet)");
        return;
    }
    auto valid = schema->validate(config);
    if (!report.check("config matches the schema", valid ? nullptr : &valid.error())) return;
    auto client = VmClient::open(std::move(plugin), config);
    if (!report.check("open", client ? nullptr : &client.error())) return;
    Lifecycle(**client, report, options, clock).run();
    client->reset();
    report.ok("close");
}

}  // namespace

int check_plugin(const std::filesystem::path& file, const std::optional<std::string>& config_json,
                 std::ostream& out, ConformanceOptions options) {
    Report report(out);
    auto services = with_defaults(options.services);
    LoadOptions load;
    load.on_step = [&](std::string_view step, const Error* failure) {
        report.check(step, failure);
    };
    auto plugin = PluginLoader::load(file, services, load);
    if (!plugin) return 1;
    const PluginInfo& info = (*plugin)->info();
    report.ok(fmt::format("loaded {} {} (plugin ABI {}.{}, host ABI {}.{})", info.id, info.version,
                          info.abi_major, info.abi_minor, TP_ABI_MAJOR, TP_ABI_MINOR));
    if (config_json)
        check_with_config(std::move(*plugin), *config_json, report, options, *services->clock);
    return report.failed() ? 1 : 0;
}

}  // namespace tidepool::plugins
