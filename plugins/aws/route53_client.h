// One open Route 53 provider config: the tidepool.dns_provider/1 operations on one hosted
// zone, over Route 53's rest-xml API.
#pragma once

#include <rapidjson/document.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <tidepool/sdk/dns_provider.hpp>

#include "aws_config.h"
#include "transport.h"

namespace tidepool::aws {

class Route53Client {
public:
    static std::unique_ptr<Route53Client> open(std::string_view config_json);

    // UPSERT, then GetChange until INSYNC (unless wait_for_insync is false).
    void upsert(const sdk::Call& call, const sdk::DnsRecordValue& record);
    // DELETE of the record as Route 53 holds it (DELETE must match TTL and value exactly);
    // a record that does not exist is success.
    void remove(const sdk::Call& call, const sdk::DnsRecordValue& record);
    void list(const sdk::Call& call, std::string_view name_suffix, const sdk::DnsSink& sink);

private:
    explicit Route53Client(Route53Config config);

    rapidjson::Document send(const sdk::Call& call, const std::string& operation,
                             const rapidjson::Value& params);
    void change(const sdk::Call& call, const char* action, const sdk::DnsRecordValue& record);
    void wait_insync(const sdk::Call& call, std::string change_id);
    std::optional<sdk::DnsRecordValue> find(const sdk::Call& call, const std::string& name,
                                            const std::string& type);

    Route53Config config_;
    AwsTransport transport_;
};

}  // namespace tidepool::aws
