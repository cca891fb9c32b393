// Reading vCenter's inventory through one session: lookups by inventory path, property reads
// through the PropertyCollector, listings through a ContainerView (all pages), and waiting for
// a Task to finish by polling its info through the PropertyCollector.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <tidepool/sdk/call.hpp>

#include "soap_session.h"
#include "vim_responses.h"

namespace tidepool::vsphere {

class Inventory {
public:
    explicit Inventory(SoapSession& session) : session_(session) {}

    SoapSession& session() { return session_; }

    // SearchIndex.FindByInventoryPath ("DC0/vm/folder/name"); empty when nothing is there.
    vim::MoRef find_by_path(const sdk::Call& call, const std::string& path);
    // The named properties of one object. Throws VimError (NOT_FOUND) when it is gone.
    vim::ObjectContent properties(const sdk::Call& call, const vim::MoRef& obj,
                                  const std::vector<std::string>& paths);
    // The named properties of every object of `type` under the root folder.
    std::vector<vim::ObjectContent> list(const sdk::Call& call, std::string_view type,
                                         const std::vector<std::string>& paths);
    // Waits for a task to end; returns its info on success, throws VimError with the task's
    // fault on error. `what` names the step in messages.
    vim::TaskInfo wait(const sdk::Call& call, const vim::MoRef& task, std::string_view what);
    // Starts a *_Task method and waits for it.
    vim::TaskInfo run_task(const sdk::Call& call, const std::string& request,
                           std::string_view what);

private:
    SoapSession& session_;
};

}  // namespace tidepool::vsphere
