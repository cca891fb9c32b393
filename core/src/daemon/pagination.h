// Pagination and filters for list routes: `?limit=N&cursor=C` over a stable order (ids
// ascending; decision records newest first), answered as {"items":[…],"next_cursor":C|null}.
// A cursor is opaque to clients (today: the hex of the last key returned), so the order can
// change implementation without breaking them. Unknown query parameters are refused with the
// parameter's pointer (/query/<name>), so a typo in a filter never silently lists everything.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.h"
#include "tidepool/result.h"

namespace tidepool::daemon {

inline constexpr std::size_t kDefaultPageLimit = 100;
inline constexpr std::size_t kMaxPageLimit = 1000;

struct PageRequest {
    std::size_t limit = kDefaultPageLimit;
    std::optional<std::string> after;  // the decoded cursor: the last key already returned
};

// Reads limit and cursor, and refuses any query parameter not in `filters`.
Result<PageRequest> parse_page(const http::Request& request,
                               const std::vector<std::string_view>& filters);

std::string encode_cursor(std::string_view key);
std::optional<std::string> decode_cursor(std::string_view cursor);

// The slice of `keys` (ascending, unique) after page.after, at most page.limit long: its
// [begin, end) indexes, and the cursor for the next page when more remain.
struct Slice {
    std::size_t begin = 0, end = 0;
    std::optional<std::string> next_cursor;
};
Slice slice_ascending(const std::vector<std::string>& keys, const PageRequest& page);

// Appends "next_cursor" to a serialised {"items":[…]} envelope.
std::string with_next_cursor(std::string envelope, const std::optional<std::string>& cursor);

}  // namespace tidepool::daemon
