#include "tasks.h"

#include "form.h"
#include "upid.h"

namespace tidepool::proxmox {

bool task_succeeded(std::string_view exit_status) {
    return exit_status == "OK" || exit_status.starts_with("WARNINGS");
}

TaskOutcome wait_for_task(const PveApi& api, const sdk::Call& call, std::string_view upid_text,
                          int64_t poll_ms) {
    std::optional<Upid> upid = parse_upid(upid_text);
    if (!upid) {
        throw sdk::ProviderError(TP_ERR_INTERNAL,
                                 "Proxmox returned a malformed task id: " + std::string(upid_text));
    }
    // The UPID names the node running the task; its status lives there.
    std::string path =
        "/nodes/" + percent_encode(upid->node) + "/tasks/" + percent_encode(upid->text) + "/status";
    for (;;) {
        ApiAnswer answer = api.expect(call, "GET", path);
        const rapidjson::Value& data = answer.data();
        if (!data.IsObject()) {
            throw sdk::ProviderError(
                TP_ERR_INTERNAL, "task status of " + upid->text + " answered without an object");
        }
        auto status = data.FindMember("status");
        if (status != data.MemberEnd() && status->value.IsString() &&
            std::string_view(status->value.GetString()) == "stopped") {
            auto exit = data.FindMember("exitstatus");
            std::string text = exit != data.MemberEnd() && exit->value.IsString()
                                   ? exit->value.GetString()
                                   : "stopped without an exit status";
            return TaskOutcome{task_succeeded(text), text};
        }
        sdk::host().sleep_ms(poll_ms, call);
    }
}

std::string upid_of(const ApiAnswer& answer, const std::string& what) {
    if (!answer.data().IsString()) {
        throw sdk::ProviderError(TP_ERR_INTERNAL, what + " answered without a task id");
    }
    return answer.data().GetString();
}

}  // namespace tidepool::proxmox
