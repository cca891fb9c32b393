// tidepool-aws.so: EC2 instances (tidepool.vm_provider/1) and Route 53 records
// (tidepool.dns_provider/1) over AWS's real wire protocols, signed with SigV4. The request and
// response codecs are the SDK's model-driven ones (plugin-api/sdk/aws), fed by the botocore model
// subsets in model/. See docs/providers/aws.md.
#include <cstring>

#include <tidepool/sdk/sdk.hpp>

#include "ec2_client.h"
#include "route53_client.h"
#include "schemas.h"

namespace {

constexpr tp_vm_provider kVmProvider = tidepool::sdk::vm_provider_table<tidepool::aws::Ec2Client>(
    TP_VM_CAP_IDEMPOTENT_CREATE | TP_VM_CAP_STARTUP_SCRIPT | TP_VM_CAP_PUBLIC_IP,
    tidepool::aws::kEc2Schema);

constexpr tp_dns_provider kDnsProvider =
    tidepool::sdk::dns_provider_table<tidepool::aws::Route53Client>(tidepool::aws::kRoute53Schema);

const void* get_interface(const char* id) {
    if (std::strcmp(id, TP_VM_PROVIDER_ID) == 0) return &kVmProvider;
    if (std::strcmp(id, TP_DNS_PROVIDER_ID) == 0) return &kDnsProvider;
    return nullptr;
}

// init refuses a host without HTTP: every operation of this plugin is an HTTP call.
int32_t init(const tp_host* host, tp_error* err) {
    return tidepool::sdk::guard(err, [&] {
        tidepool::sdk::host() = tidepool::sdk::HostServices(host);
        if (!tidepool::sdk::host().has_http()) {
            throw tidepool::sdk::ProviderError(TP_ERR_INTERNAL,
                                               "the host offers no tidepool.http/1 service");
        }
    });
}

constexpr tp_plugin_entry kEntry = tidepool::sdk::make_entry(
    "org.tidepool.aws", "1.0.0", "Amazon EC2 instances and Route 53 records", get_interface,
    &init);

}  // namespace

TIDEPOOL_SDK_ENTRY(kEntry)
