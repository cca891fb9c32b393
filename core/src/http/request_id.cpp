#include "http/request_id.h"

#include <random>

namespace tidepool::http {

bool acceptable_request_id(std::string_view id) {
    if (id.empty() || id.size() > 128) return false;
    for (char c : id) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '_' || c == ':' || c == '-';
        if (!ok) return false;
    }
    return true;
}

std::string generate_request_id() {
    // Per-thread engine: no lock on the hot path; ids need uniqueness, not secrecy.
    thread_local std::mt19937_64 engine{std::random_device{}()};
    static constexpr char kHex[] = "0123456789abcdef";
    std::uint64_t bits = engine();
    std::string id(16, '0');
    for (auto& c : id) {
        c = kHex[bits & 0x0F];
        bits >>= 4;
    }
    return id;
}

}  // namespace tidepool::http
