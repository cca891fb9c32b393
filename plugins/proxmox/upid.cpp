#include "upid.h"

#include <charconv>
#include <vector>

namespace tidepool::proxmox {

namespace {

template <class T>
bool parse_hex(std::string_view text, T& out) {
    if (text.empty() || text.size() > 2 * sizeof(T)) return false;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out, 16);
    return ec == std::errc() && end == text.data() + text.size();
}

std::vector<std::string_view> split(std::string_view text, char sep) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == sep) {
            parts.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    return parts;
}

}  // namespace

// UPID:node:pid:pstart:starttime:type:id:user: -- pid, pstart and starttime in hex (pstart
// may take 9 digits); id may be empty (node-wide tasks).
std::optional<Upid> parse_upid(std::string_view text) {
    std::vector<std::string_view> parts = split(text, ':');
    // A trailing ':' gives an empty last part; user names may not contain ':'.
    if (parts.size() != 9) return std::nullopt;
    if (parts.front() != "UPID" || !parts.back().empty()) return std::nullopt;
    Upid upid;
    upid.text = std::string(text);
    upid.node = std::string(parts[1]);
    uint32_t start_time = 0;
    if (upid.node.empty() || !parse_hex(parts[2], upid.pid) || !parse_hex(parts[3], upid.pstart) ||
        !parse_hex(parts[4], start_time)) {
        return std::nullopt;
    }
    upid.start_time = start_time;
    upid.type = std::string(parts[5]);
    upid.id = std::string(parts[6]);
    upid.user = std::string(parts[7]);
    if (upid.type.empty() || upid.user.empty() || parts[2].size() != 8 || parts[4].size() != 8) {
        return std::nullopt;
    }
    return upid;
}

}  // namespace tidepool::proxmox
