// tp_str <-> std::string_view, and key/value lists that own their storage.
//
// A tp_str is a borrowed {ptr,len} slice: these helpers never copy unless they return a
// std::string, so a view built from a tp_str dies with the call that lent it.
#pragma once

#include <tidepool/types.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tidepool::sdk {

using KeyValues = std::vector<std::pair<std::string, std::string>>;

// A view of s, valid as long as the bytes it points at (a NULL ptr with len 0 is "").
inline std::string_view view(tp_str s) {
    return s.ptr && s.len ? std::string_view(s.ptr, static_cast<size_t>(s.len))
                          : std::string_view();
}

inline std::string to_string(tp_str s) { return std::string(view(s)); }

// A tp_str pointing into s; s must outlive every use of the result.
inline tp_str to_tp(std::string_view s) {
    return tp_str{s.data(), static_cast<uint64_t>(s.size())};
}

// Copies a borrowed tp_kv_list into owned pairs.
inline KeyValues to_key_values(tp_kv_list list) {
    KeyValues out;
    if (!list.items) return out;
    out.reserve(static_cast<size_t>(list.count));
    for (uint64_t i = 0; i < list.count; ++i) {
        out.emplace_back(to_string(list.items[i].key), to_string(list.items[i].value));
    }
    return out;
}

// Builds a tp_kv_list over owned pairs. The list borrows from `pairs` (which must outlive it
// and not be modified) and owns only its array of tp_kv.
class KvList {
public:
    explicit KvList(const KeyValues& pairs) {
        items_.reserve(pairs.size());
        for (const auto& [key, value] : pairs) items_.push_back(tp_kv{to_tp(key), to_tp(value)});
    }
    tp_kv_list get() const {
        return tp_kv_list{items_.empty() ? nullptr : items_.data(),
                          static_cast<uint64_t>(items_.size())};
    }

private:
    std::vector<tp_kv> items_;
};

}  // namespace tidepool::sdk
