// One open client of the local provider: instances are process groups on this machine.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <tidepool/sdk/sdk.hpp>

#include "instance_store.h"

namespace tidepool::local_provider {

struct LocalConfig {
    std::string state_dir;
    int64_t max_instances = 10;
    std::string shell = "bash";
    std::string address = "127.0.0.1";
};

class LocalClient {
public:
    static std::unique_ptr<LocalClient> open(std::string_view config_json);
    explicit LocalClient(LocalConfig config);

    void create(const sdk::Call& call, const sdk::VmSpec& spec, const sdk::VmSink& sink);
    void get(const sdk::Call& call, std::string_view provider_id, const sdk::VmSink& sink);
    void list(const sdk::Call& call, const sdk::KeyValues& filter, const sdk::VmSink& sink);
    void remove(const sdk::Call& call, std::string_view provider_id);

private:
    // Starts the instance; with `recorded` (a create cut off before its pid was recorded),
    // adopts the process carrying its token if there is one instead of starting another.
    InstanceRecord start(const sdk::Call& call, const sdk::VmSpec& spec,
                         std::optional<InstanceRecord> recorded = std::nullopt);
    std::vector<std::string> environment(const InstanceRecord& record,
                                         const sdk::VmSpec& spec) const;
    // The record with its state refreshed from the process table (and saved if it changed).
    InstanceRecord observe(InstanceRecord record) const;
    sdk::VmRecord describe(const InstanceRecord& record) const;
    void stop(const sdk::Call& call, const InstanceRecord& record) const;

    LocalConfig config_;
    InstanceStore store_;
};

}  // namespace tidepool::local_provider
