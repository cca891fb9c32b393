#include "guest_script.h"

#include <algorithm>

#include <tidepool/sdk/error.hpp>
#include <tidepool/svc/log.h>

#include "vim_requests.h"
#include "vim_responses.h"

namespace tidepool::vsphere {

namespace {

using sdk::ProviderError;
using vim::MoRef;

constexpr int64_t kToolsPollMs = 2000;
constexpr int64_t kFirstProcessPollMs = 500;
constexpr int64_t kMaxProcessPollMs = 5000;

struct GuestManagers {
    MoRef files;
    MoRef processes;
};

GuestManagers managers(Inventory& inv, const sdk::Call& call) {
    MoRef gom = inv.session().content(call).guest_operations_manager;
    if (gom.empty()) {
        throw ProviderError(TP_ERR_INVALID_CONFIG,
                            "this vCenter offers no guest operations, so the startup script "
                            "cannot run; remove the pool's startup script");
    }
    auto props = inv.properties(call, gom, {"fileManager", "processManager"});
    return {props.ref("fileManager"), props.ref("processManager")};
}

// Guest operations need VMware Tools running in the booted guest.
void wait_for_tools(Inventory& inv, const sdk::Call& call, const MoRef& vm) {
    for (;;) {
        auto props = inv.properties(call, vm, {"guest.toolsRunningStatus"});
        if (props.text("guest.toolsRunningStatus") == "guestToolsRunning") return;
        sdk::host().sleep_ms(kToolsPollMs, call);
    }
}

void expect_ok(const sdk::HttpResponse& r, std::string_view what) {
    if (r.status >= 200 && r.status < 300) return;
    throw ProviderError(r.status >= 500 ? TP_ERR_UNAVAILABLE : TP_ERR_INTERNAL,
                        std::string(what) + ": the host answered HTTP " + std::to_string(r.status));
}

// Polls the process until it ends; returns its exit code.
int32_t wait_for_exit(Inventory& inv, const sdk::Call& call, const GuestManagers& m,
                      const MoRef& vm, const vim::GuestAuth& auth, int64_t pid) {
    int64_t pause = kFirstProcessPollMs;
    for (;;) {
        Answer a = inv.session().call(call, vim::list_processes_in_guest(m.processes, vm, auth, pid),
                                      "polling the startup script");
        auto process = vim::parse_guest_process(a.node, pid);
        if (!process) {
            throw ProviderError(TP_ERR_INTERNAL, "the startup script's process " +
                                                     std::to_string(pid) + " vanished");
        }
        if (process->ended) return process->exit_code;
        sdk::host().sleep_ms(pause, call);
        pause = std::min(pause * 2, kMaxProcessPollMs);
    }
}

class GuestRun {
public:
    GuestRun(Inventory& inv, const sdk::Call& call, const VsphereConfig& c, const MoRef& vm)
        : inv_(inv), call_(call), config_(c), vm_(vm),
          auth_{c.guest_username, c.guest_password}, m_(managers(inv, call)) {}

    std::string temp_file(std::string_view suffix) {
        Answer a = inv_.session().call(
            call_, vim::create_temporary_file(m_.files, vm_, auth_, "tidepool-", suffix),
            "creating a file in the guest");
        return vim::returned_text(a.node);
    }

    void upload(const std::string& path, std::string_view content) {
        bool posix = config_.os_family == OsFamily::linux;
        Answer a = inv_.session().call(
            call_, vim::initiate_file_transfer_to_guest(m_.files, vm_, auth_, path,
                                                        static_cast<int64_t>(content.size()), posix),
            "starting the script upload");
        std::string url = transfer_url(vim::returned_text(a.node), config_.vcenter);
        expect_ok(inv_.session().transfer(call_, "PUT", url, std::string(content)),
                  "uploading the startup script");
    }

    std::string download(const std::string& path) {
        Answer a = inv_.session().call(
            call_, vim::initiate_file_transfer_from_guest(m_.files, vm_, auth_, path),
            "starting the output download");
        auto r = inv_.session().transfer(call_, "GET",
                                         transfer_url(vim::parse_transfer_url(a.node),
                                                      config_.vcenter));
        expect_ok(r, "downloading the script's output");
        return r.body;
    }

    int32_t run(const std::string& script, const std::string& log) {
        GuestCommand cmd = script_command(config_.os_family, script, log);
        Answer a = inv_.session().call(
            call_, vim::start_program_in_guest(m_.processes, vm_, auth_, cmd.program, cmd.arguments),
            "starting the startup script");
        int64_t pid = std::stoll("0" + vim::returned_text(a.node));
        return wait_for_exit(inv_, call_, m_, vm_, auth_, pid);
    }

    // Best effort: the script may hold secrets (check-in tokens), so it does not stay behind.
    void remove(const std::string& path) {
        try {
            inv_.session().call(call_, vim::delete_file_in_guest(m_.files, vm_, auth_, path),
                                "deleting the script");
        } catch (const ProviderError&) {
        }
    }

private:
    Inventory& inv_;
    const sdk::Call& call_;
    const VsphereConfig& config_;
    MoRef vm_;
    vim::GuestAuth auth_;
    GuestManagers m_;
};

}  // namespace

GuestCommand script_command(OsFamily os, std::string_view script, std::string_view log) {
    std::string s(script), l(log);
    if (os == OsFamily::windows) {
        // A terminating error leaves $LASTEXITCODE unset, so it is logged and made exit code 1.
        return {R"(C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe)",
                "-NoProfile -NonInteractive -ExecutionPolicy Bypass -Command \"& { try { & '" +
                    s + "' *> '" + l + "' } catch { $_ | Out-File -Append '" + l +
                    "'; exit 1 }; exit $LASTEXITCODE }\""};
    }
    return {"/bin/bash", "'" + s + "' > '" + l + "' 2>&1"};
}

std::string last_lines(std::string_view text, int lines) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
    size_t pos = text.size();
    for (int n = 0; n < lines; ++n) {
        size_t nl = pos == 0 ? std::string_view::npos : text.rfind('\n', pos - 1);
        if (nl == std::string_view::npos) return std::string(text);
        pos = nl;
    }
    return std::string(text.substr(pos + 1));
}

std::string transfer_url(std::string url, std::string_view vcenter) {
    const std::string star = "://*";
    size_t at = url.find(star);
    if (at != std::string::npos) url.replace(at + 3, 1, vcenter);
    return url;
}

void run_startup_script(Inventory& inv, const sdk::Call& call, const VsphereConfig& config,
                        const MoRef& vm, std::string_view script) {
    wait_for_tools(inv, call, vm);
    GuestRun guest(inv, call, config, vm);
    bool windows = config.os_family == OsFamily::windows;
    std::string path = guest.temp_file(windows ? ".ps1" : ".sh");
    std::string log = guest.temp_file(".log");
    guest.upload(path, script);
    int32_t code = guest.run(path, log);
    guest.remove(path);
    if (code == 0) {
        guest.remove(log);
        sdk::host().log(TP_LOG_INFO, "startup script finished on " + vm.value, call);
        return;
    }
    std::string tail = last_lines(guest.download(log), kScriptTailLines);
    for (char& ch : tail) ch = ch == '\n' ? '|' : ch;  // tp_error messages are one line
    throw ProviderError(TP_ERR_INTERNAL,
                        "startup script exited with code " + std::to_string(code) + " on " +
                            vm.value + "; last output: " + (tail.empty() ? "(none)" : tail),
                        {}, "StartupScriptFailed");
}

}  // namespace tidepool::vsphere
