// One open EC2 provider config: the tidepool.vm_provider/1 operations over the EC2 API.
#pragma once

#include <memory>
#include <string_view>

#include <tidepool/sdk/call.hpp>
#include <tidepool/sdk/vm.hpp>

#include "aws_config.h"
#include "ec2_api.h"

namespace tidepool::aws {

class Ec2Client {
public:
    // Parses and checks the config (including the RunInstances override); no network.
    static std::unique_ptr<Ec2Client> open(std::string_view config_json);

    void create(const sdk::Call& call, const sdk::VmSpec& spec, const sdk::VmSink& sink);
    void get(const sdk::Call& call, std::string_view provider_id, const sdk::VmSink& sink);
    void list(const sdk::Call& call, const sdk::KeyValues& filter, const sdk::VmSink& sink);
    void remove(const sdk::Call& call, std::string_view provider_id);
    void credentials(const sdk::Call& call, std::string_view provider_id,
                     const sdk::CredentialSink& sink);

private:
    explicit Ec2Client(Ec2Config config) : config_(std::move(config)), api_(config_.connection) {}

    // Live (pending/running) instances carrying every filter tag, all pages.
    template <class Fn>
    void describe(const sdk::Call& call, const sdk::KeyValues& filter, bool live_only, Fn&& fn);
    void ensure_tags(const sdk::Call& call, const sdk::VmRecord& vm, const sdk::VmSpec& spec);

    Ec2Config config_;
    Ec2Api api_;
};

}  // namespace tidepool::aws
