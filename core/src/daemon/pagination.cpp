#include "daemon/pagination.h"

#include <algorithm>

namespace tidepool::daemon {
namespace {

Error bad_query(const std::string& name, const std::string& message) {
    return make_error(ErrorCode::invalid, message, "/query/" + name);
}

Result<std::size_t> parse_limit(std::string_view text) {
    std::size_t n = 0;
    bool digits = !text.empty() && text.size() <= 6 &&
                  std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits) n = std::stoul(std::string(text));
    if (!digits || n < 1 || n > kMaxPageLimit)
        return bad_query("limit", "limit \"" + std::string(text) + "\" must be a whole number " +
                                      "from 1 to " + std::to_string(kMaxPageLimit));
    return n;
}

}  // namespace

Result<PageRequest> parse_page(const http::Request& request,
                               const std::vector<std::string_view>& filters) {
    PageRequest page;
    for (const auto& [name, value] : request.query) {
        if (name == "limit") {
            auto n = parse_limit(value);
            if (!n.ok()) return n.error();
            page.limit = n.value();
        } else if (name == "cursor") {
            page.after = decode_cursor(value);
            if (!page.after)
                return bad_query("cursor", "cursor \"" + value + "\" is not one this API " +
                                               "returned; pass next_cursor from the previous page");
        } else if (std::find(filters.begin(), filters.end(), name) == filters.end()) {
            std::string allowed = "limit, cursor";
            for (auto f : filters) allowed += ", " + std::string(f);
            return bad_query(name, "unknown query parameter \"" + name + "\"; allowed: " + allowed);
        }
    }
    return page;
}

std::string encode_cursor(std::string_view key) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : key) {
        out += kHex[c >> 4];
        out += kHex[c & 0x0F];
    }
    return out;
}

std::optional<std::string> decode_cursor(std::string_view cursor) {
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    if (cursor.empty() || cursor.size() % 2 != 0) return std::nullopt;
    std::string out;
    for (std::size_t i = 0; i < cursor.size(); i += 2) {
        int hi = nibble(cursor[i]), lo = nibble(cursor[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
    }
    return out;
}

Slice slice_ascending(const std::vector<std::string>& keys, const PageRequest& page) {
    Slice s;
    if (page.after)
        s.begin = static_cast<std::size_t>(
            std::upper_bound(keys.begin(), keys.end(), *page.after) - keys.begin());
    s.end = std::min(keys.size(), s.begin + page.limit);
    if (s.end < keys.size() && s.end > s.begin) s.next_cursor = encode_cursor(keys[s.end - 1]);
    return s;
}

std::string with_next_cursor(std::string envelope, const std::optional<std::string>& cursor) {
    if (envelope.empty() || envelope.back() != '}') return envelope;
    envelope.pop_back();
    envelope += ",\"next_cursor\":" + (cursor ? "\"" + *cursor + "\"" : std::string("null")) + "}";
    return envelope;
}

}  // namespace tidepool::daemon
