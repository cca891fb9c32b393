#include "vm_records.h"

#include <date/date.h>

#include <chrono>
#include <cstdio>

#include "annotation_tags.h"

namespace tidepool::vsphere {

const std::vector<std::string>& vm_properties() {
    static const std::vector<std::string> kPaths = {
        "name",          "config.annotation", "config.template",   "config.createDate",
        "guest.ipAddress", "guest.hostName",  "runtime.powerState"};
    return kPaths;
}

int32_t vm_state(const std::string& power_state) {
    if (power_state == "poweredOn") return TP_VM_STATE_RUNNING;
    if (power_state == "poweredOff" || power_state == "suspended") return TP_VM_STATE_STOPPED;
    return TP_VM_STATE_UNKNOWN;
}

namespace {

// xsd:dateTime as vCenter writes it ("2026-11-28T01:14:03.468Z", always UTC) as Unix ms;
// 0 when unparseable. Fractions of a second are dropped.
int64_t unix_ms(const std::string& text) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6) {
        return 0;
    }
    auto day = date::year{y} / date::month{static_cast<unsigned>(mo)} /
               date::day{static_cast<unsigned>(d)};
    if (!day.ok()) return 0;
    auto t = date::sys_days{day} + std::chrono::hours{h} + std::chrono::minutes{mi} +
             std::chrono::seconds{s};
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

}  // namespace

sdk::VmRecord vm_record(const vim::ObjectContent& vm) {
    sdk::VmRecord r;
    r.provider_id = vm.obj.value;
    r.name = vm.text("name");
    std::string power = vm.text("runtime.powerState");
    r.state = vm_state(power);
    r.private_ip = vm.text("guest.ipAddress");
    r.hostname = vm.text("guest.hostName");
    r.tags = decode_annotation(vm.text("config.annotation")).value_or(sdk::KeyValues{});
    r.created_unix_ms = unix_ms(vm.text("config.createDate"));
    r.detail = power;
    return r;
}

}  // namespace tidepool::vsphere
