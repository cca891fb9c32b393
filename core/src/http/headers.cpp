#include "http/headers.h"

#include <algorithm>

namespace tidepool::http {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                        [](char x, char y) { return lower(x) < lower(y); });
}

void Headers::set(std::string name, std::string value) {
    map_.insert_or_assign(std::move(name), std::move(value));
}

void Headers::append(std::string name, std::string_view value) {
    auto it = map_.find(name);
    if (it == map_.end()) {
        map_.emplace(std::move(name), std::string(value));
        return;
    }
    it->second.append(", ").append(value);
}

void Headers::erase(std::string_view name) {
    auto it = map_.find(name);
    if (it != map_.end()) map_.erase(it);
}

std::optional<std::string_view> Headers::get(std::string_view name) const {
    auto it = map_.find(name);
    if (it == map_.end()) return std::nullopt;
    return std::string_view(it->second);
}

}  // namespace tidepool::http
