// An EC2 Instance (as parsed from DescribeInstances/RunInstances) seen as the host's VmRecord.
#pragma once

#include <rapidjson/document.h>

#include <string>

#include <tidepool/sdk/vm.hpp>

namespace tidepool::aws {

// pending -> PENDING, running -> RUNNING, stopping -> STOPPING, stopped -> STOPPED,
// shutting-down -> DELETING, terminated -> GONE.
int32_t vm_state(const std::string& ec2_state);

sdk::VmRecord to_vm_record(const rapidjson::Value& instance);

// The string member name of object, or "".
std::string text(const rapidjson::Value& object, const char* name);

// Calls fn(instance) for every Instance of every Reservation in a DescribeInstances output, or
// of a RunInstances output (a Reservation itself).
template <class Fn>
void for_each_instance(const rapidjson::Value& output, Fn&& fn) {
    auto visit = [&](const rapidjson::Value& reservation) {
        auto instances = reservation.FindMember("Instances");
        if (instances == reservation.MemberEnd() || !instances->value.IsArray()) return;
        for (const auto& instance : instances->value.GetArray()) fn(instance);
    };
    auto reservations = output.FindMember("Reservations");
    if (reservations != output.MemberEnd() && reservations->value.IsArray()) {
        for (const auto& r : reservations->value.GetArray()) visit(r);
    } else {
        visit(output);
    }
}

}  // namespace tidepool::aws
