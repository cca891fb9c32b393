// What the Proxmox plugin spends in its own code per call: reading a /cluster/resources answer
// for a 2000-guest cluster (every create, get, list and delete reads one), decoding the tags
// in one VM description (list does it per VM), and picking a VMID in a half-full range of
// 10000 (every clone attempt). Each is to be compared with a Proxmox round trip.
#include <chrono>
#include <cstdio>
#include <set>
#include <string>

#include <rapidjson/document.h>

#include "inventory.h"
#include "vm_description.h"
#include "vmid_range.h"

namespace {

using namespace tidepool::proxmox;

std::string resources(int guests) {
    std::string out = "{\"data\":[";
    for (int i = 0; i < guests; ++i) {
        std::string id = std::to_string(1000 + i);
        out += (i ? "," : "") + std::string("{\"id\":\"qemu/") + id +
               "\",\"type\":\"qemu\",\"vmid\":" + id + ",\"name\":\"tp-a1b2c3-" + id +
               "\",\"node\":\"pve" + std::to_string(i % 8) +
               "\",\"status\":\"running\",\"template\":0,\"tags\":\"tidepool;tidepool-ready\"," +
               "\"maxcpu\":4,\"maxmem\":8589934592,\"cpu\":0.03,\"mem\":2147483648," +
               "\"uptime\":86400,\"disk\":0,\"maxdisk\":34359738368}";
    }
    return out + "]}";
}

template <class Fn>
double micros_per_call(int rounds, Fn fn) {
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < rounds; ++i) fn();
    std::chrono::duration<double, std::micro> took = std::chrono::steady_clock::now() - start;
    return took.count() / rounds;
}

}  // namespace

int main() {
    const std::string body = resources(2000);
    size_t sink = 0;
    double parse_us = micros_per_call(50, [&] {
        rapidjson::Document doc;
        doc.Parse(body.data(), body.size());
        sink += parse_resources(doc["data"]).size();
    });
    const std::string description = encode_description({{"tidepool-installation", "a1b2c3d4e5f6"},
                                                        {"tidepool-config", "cfg-0123456789"},
                                                        {"tidepool-machine", "srv-0123456789"}});
    double decode_us =
        micros_per_call(20000, [&] { sink += decode_description(description).size(); });
    std::set<int64_t> taken;
    for (int64_t id = 100000; id < 105000; ++id) taken.insert(id);
    const VmidRange range{100000, 109999};
    double pick_us =
        micros_per_call(2000, [&] { sink += static_cast<size_t>(*lowest_free_vmid(range, taken)); });
    std::printf("BENCH proxmox.parse_resources_2000_us %.1f\n", parse_us);
    std::printf("BENCH proxmox.decode_tags_us %.2f\n", decode_us);
    std::printf("BENCH proxmox.pick_vmid_us %.2f\n", pick_us);
    return sink == 0 ? 1 : 0;
}
