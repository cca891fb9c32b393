#include "guest_agent.h"

#include <vector>

namespace tidepool::proxmox {

namespace {

std::string string_member(const rapidjson::Value& v, const char* name) {
    auto it = v.FindMember(name);
    return it != v.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

bool flag_member(const rapidjson::Value& v, const char* name) {
    auto it = v.FindMember(name);
    if (it == v.MemberEnd()) return false;
    if (it->value.IsBool()) return it->value.GetBool();
    return it->value.IsInt64() && it->value.GetInt64() != 0;
}

Params command_params(OsType os, const std::string& file) {
    // agent/exec takes the program and its arguments as a repeated "command" parameter.
    std::vector<std::string> argv =
        os == OsType::linux
            ? std::vector<std::string>{"/bin/bash", file}
            : std::vector<std::string>{
                  "powershell.exe", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass",
                  "-File",          file};
    Params params;
    for (auto& arg : argv) params.emplace_back("command", std::move(arg));
    return params;
}

}  // namespace

GuestAgent::GuestAgent(const PveApi& api, const ProxmoxConfig& config, std::string node,
                       int64_t vmid)
    : api_(api), config_(config), node_(std::move(node)), vmid_(vmid) {}

void GuestAgent::wait_until_ready(const sdk::Call& call) const {
    const int64_t give_up = sdk::host().now_ms() + config_.agent_timeout_ms;
    for (;;) {
        // Until the guest has booted and started qemu-guest-agent, ping answers HTTP 500.
        if (api_.send(call, "POST", vm_path(node_, vmid_, "/agent/ping")).ok()) return;
        if (sdk::host().now_ms() >= give_up) {
            throw sdk::ProviderError(
                TP_ERR_TIMEOUT,
                "the QEMU guest agent of VM " + std::to_string(vmid_) + " did not answer within " +
                    std::to_string(config_.agent_timeout_ms / 1000) +
                    " s: install and enable qemu-guest-agent in the template, or raise " +
                    "/agent_timeout_s",
                "/agent_timeout_s", "AgentNotRunning");
        }
        sdk::host().sleep_ms(config_.poll_interval_ms, call);
    }
}

void GuestAgent::run_script(const sdk::Call& call, std::string_view vm_name,
                            const std::string& script) const {
    std::string file = script_file(config_.startup_script_path, config_.os_type, vm_name);
    api_.expect(call, "POST", vm_path(node_, vmid_, "/agent/file-write"),
                {{"file", file}, {"content", script}});
    int64_t pid = start_program(call, file);
    auto [exit_code, output] = wait_for_exit(call, pid);
    if (exit_code == 0) return;
    std::string tail = last_lines(output, 5);
    throw sdk::ProviderError(TP_ERR_INTERNAL,
                             "startup script " + file + " in VM " + std::to_string(vmid_) +
                                 " exited with code " + std::to_string(exit_code) +
                                 (tail.empty() ? ", no output" : "; last output: " + tail),
                             "", "StartupScriptFailed");
}

int64_t GuestAgent::start_program(const sdk::Call& call, const std::string& file) const {
    ApiAnswer answer = api_.expect(call, "POST", vm_path(node_, vmid_, "/agent/exec"),
                                   command_params(config_.os_type, file));
    const rapidjson::Value& data = answer.data();
    auto pid = data.IsObject() ? data.FindMember("pid") : rapidjson::Value::ConstMemberIterator();
    if (!data.IsObject() || pid == data.MemberEnd() || !pid->value.IsInt64()) {
        throw sdk::ProviderError(TP_ERR_INTERNAL, "agent/exec answered without a pid");
    }
    return pid->value.GetInt64();
}

std::pair<int64_t, std::string> GuestAgent::wait_for_exit(const sdk::Call& call,
                                                          int64_t pid) const {
    const std::string path = vm_path(node_, vmid_, "/agent/exec-status");
    for (;;) {
        ApiAnswer answer = api_.expect(call, "GET", path, {{"pid", std::to_string(pid)}});
        const rapidjson::Value& data = answer.data();
        if (!data.IsObject()) {
            throw sdk::ProviderError(TP_ERR_INTERNAL, "agent/exec-status answered without data");
        }
        if (flag_member(data, "exited")) {
            auto code = data.FindMember("exitcode");
            // No exit code means the process was killed by a signal.
            int64_t exit_code =
                code != data.MemberEnd() && code->value.IsInt64() ? code->value.GetInt64() : -1;
            std::string out = string_member(data, "out-data");
            std::string err = string_member(data, "err-data");
            return {exit_code, out + (out.empty() || err.empty() ? "" : "\n") + err};
        }
        sdk::host().sleep_ms(config_.poll_interval_ms, call);
    }
}

std::string GuestAgent::first_ipv4(const sdk::Call& call) const {
    ApiAnswer answer =
        api_.send(call, "GET", vm_path(node_, vmid_, "/agent/network-get-interfaces"));
    const rapidjson::Value& data = answer.data();
    if (!answer.ok() || !data.IsObject() || !data.HasMember("result") ||
        !data["result"].IsArray()) {
        return {};
    }
    for (const auto& iface : data["result"].GetArray()) {
        if (!iface.IsObject() || string_member(iface, "name") == "lo") continue;
        auto addresses = iface.FindMember("ip-addresses");
        if (addresses == iface.MemberEnd() || !addresses->value.IsArray()) continue;
        for (const auto& address : addresses->value.GetArray()) {
            if (!address.IsObject() || string_member(address, "ip-address-type") != "ipv4") {
                continue;
            }
            std::string ip = string_member(address, "ip-address");
            if (!ip.empty() && !ip.starts_with("127.")) return ip;
        }
    }
    return {};
}

}  // namespace tidepool::proxmox
