#include "tidepool/sdk/auth/uri.h"

#include <vector>

namespace tidepool::sdk::auth {
namespace {

bool is_unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

}  // namespace

std::string uri_encode(std::string_view text, bool encode_slash) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        if (is_unreserved(c) || (c == '/' && !encode_slash)) {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(kDigits[c >> 4]);
            out.push_back(kDigits[c & 0x0f]);
        }
    }
    return out;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
            hex_value(text[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
            i += 2;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

std::string normalize_path(std::string_view path) {
    std::vector<std::string_view> segments;
    bool ends_in_directory = true;  // "", "/", "/a/", "/a/." and "/a/.." all name a directory
    std::size_t pos = 0;
    while (pos <= path.size()) {
        std::size_t slash = path.find('/', pos);
        if (slash == std::string_view::npos) slash = path.size();
        std::string_view segment = path.substr(pos, slash - pos);
        pos = slash + 1;
        if (segment.empty() || segment == ".") {
            ends_in_directory = true;  // only matters for the last segment
        } else if (segment == "..") {
            if (!segments.empty()) segments.pop_back();
            ends_in_directory = true;
        } else {
            segments.push_back(segment);
            ends_in_directory = false;
        }
    }
    std::string out;
    for (std::string_view segment : segments) {
        out.push_back('/');
        out.append(segment);
    }
    if (out.empty() || ends_in_directory) out.push_back('/');
    return out;
}

}  // namespace tidepool::sdk::auth
