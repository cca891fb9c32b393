#include "annotation_tags.h"

namespace tidepool::vsphere {

namespace {

constexpr std::string_view kMarker = "Managed by Tidepool; do not edit the lines below.";

std::string encode(std::string_view text) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (char c : text) {
        if (c == '%' || c == '=' || c == '\n' || c == '\r') {
            auto u = static_cast<unsigned char>(c);
            out += '%';
            out += kHex[u >> 4];
            out += kHex[u & 15];
        } else {
            out += c;
        }
    }
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

std::string decode(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
            hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

}  // namespace

std::string encode_annotation(const sdk::KeyValues& tags) {
    std::string out(kMarker);
    for (const auto& [key, value] : tags) out += "\n" + encode(key) + "=" + encode(value);
    return out;
}

std::optional<sdk::KeyValues> decode_annotation(std::string_view annotation) {
    size_t at = annotation.find(kMarker);
    if (at == std::string_view::npos) return std::nullopt;
    std::string_view rest = annotation.substr(at + kMarker.size());
    sdk::KeyValues tags;
    while (!rest.empty()) {
        size_t end = rest.find('\n');
        std::string_view line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        size_t eq = line.find('=');
        if (eq == std::string_view::npos) continue;  // blank or foreign lines are not tags
        tags.emplace_back(decode(line.substr(0, eq)), decode(line.substr(eq + 1)));
    }
    return tags;
}

}  // namespace tidepool::vsphere
