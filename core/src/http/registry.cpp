#include "http/server_shared.h"

namespace tidepool::http::detail {

std::uint64_t Registry::add(std::weak_ptr<ConnectionBase> connection, bool rejected) {
    std::lock_guard lock(mutex_);
    std::uint64_t id = next_id_++;
    entries_.emplace(id, Entry{std::move(connection), rejected});
    if (rejected) ++rejecting_;
    return id;
}

void Registry::remove(std::uint64_t id) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(id);
    if (it == entries_.end()) return;
    if (it->second.rejected) --rejecting_;
    entries_.erase(it);
}

std::size_t Registry::serving() const {
    std::lock_guard lock(mutex_);
    return entries_.size() - rejecting_;
}

std::size_t Registry::rejecting() const {
    std::lock_guard lock(mutex_);
    return rejecting_;
}

std::vector<std::shared_ptr<ConnectionBase>> Registry::snapshot() const {
    std::lock_guard lock(mutex_);
    std::vector<std::shared_ptr<ConnectionBase>> out;
    for (const auto& [id, entry] : entries_) {
        if (auto c = entry.connection.lock()) out.push_back(std::move(c));
    }
    return out;
}

}  // namespace tidepool::http::detail
