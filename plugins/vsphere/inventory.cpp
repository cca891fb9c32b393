#include "inventory.h"

#include <algorithm>

#include <tidepool/sdk/error.hpp>

#include "vim_requests.h"

namespace tidepool::vsphere {

namespace {

// Poll quickly first (vcsim and small clones finish in well under a second), then back off.
constexpr int64_t kFirstPollMs = 100;
constexpr int64_t kMaxPollMs = 2000;

}  // namespace

vim::MoRef Inventory::find_by_path(const sdk::Call& call, const std::string& path) {
    const auto& sc = session_.content(call);
    Answer a = session_.call(call, vim::find_by_inventory_path(sc.search_index, path),
                             "looking up '" + path + "'");
    return vim::returned_moref(a.node);
}

vim::ObjectContent Inventory::properties(const sdk::Call& call, const vim::MoRef& obj,
                                         const std::vector<std::string>& paths) {
    const auto& sc = session_.content(call);
    Answer a = session_.call(call, vim::retrieve_properties(sc.property_collector, obj, paths),
                             "reading " + obj.type + " " + obj.value);
    vim::RetrieveResult result = vim::parse_retrieve_result(a.node);
    if (result.objects.empty()) {
        throw vim::VimError(vim::Fault{"ManagedObjectNotFound", obj.value + " is gone", {}},
                            "reading " + obj.type + " " + obj.value);
    }
    return std::move(result.objects.front());
}

std::vector<vim::ObjectContent> Inventory::list(const sdk::Call& call, std::string_view type,
                                                const std::vector<std::string>& paths) {
    const auto& sc = session_.content(call);
    std::string what = "listing " + std::string(type) + " objects";
    Answer created = session_.call(
        call, vim::create_container_view(sc.view_manager, sc.root_folder, type), what);
    vim::MoRef view = vim::returned_moref(created.node);
    std::vector<vim::ObjectContent> out;
    try {
        Answer a = session_.call(
            call, vim::retrieve_view_properties(sc.property_collector, view, type, paths), what);
        vim::RetrieveResult page = vim::parse_retrieve_result(a.node);
        for (;;) {
            std::move(page.objects.begin(), page.objects.end(), std::back_inserter(out));
            if (page.token.empty()) break;
            Answer next = session_.call(
                call, vim::continue_retrieve_properties(sc.property_collector, page.token), what);
            page = vim::parse_retrieve_result(next.node);
        }
    } catch (...) {
        try {
            session_.call(call, vim::destroy_view(view), what);
        } catch (...) {
            // The view dies with the session anyway; the first error is the one to report.
        }
        throw;
    }
    session_.call(call, vim::destroy_view(view), what);
    return out;
}

vim::TaskInfo Inventory::wait(const sdk::Call& call, const vim::MoRef& task,
                              std::string_view what) {
    int64_t pause = kFirstPollMs;
    for (;;) {
        vim::TaskInfo info = vim::parse_task_info(properties(call, task, {"info"}));
        if (info.state == vim::TaskState::success) return info;
        if (info.state == vim::TaskState::error) {
            throw vim::VimError(info.error.value_or(vim::Fault{"TaskError", "", {}}),
                                std::string(what) + " failed");
        }
        sdk::host().sleep_ms(pause, call);
        pause = std::min(pause * 2, kMaxPollMs);
    }
}

vim::TaskInfo Inventory::run_task(const sdk::Call& call, const std::string& request,
                                  std::string_view what) {
    Answer a = session_.call(call, request, what);
    vim::MoRef task = vim::returned_moref(a.node);
    if (task.empty()) {
        throw sdk::ProviderError(TP_ERR_INTERNAL,
                                 std::string(what) + ": vCenter returned no task");
    }
    return wait(call, task, what);
}

}  // namespace tidepool::vsphere
