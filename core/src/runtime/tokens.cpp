#include "runtime/tokens.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <vector>

namespace tidepool::runtime {
namespace {

std::string to_hex(const unsigned char* data, size_t n) {
    static const char* digits = "0123456789abcdef";
    std::string out(n * 2, '0');
    for (size_t i = 0; i < n; ++i) {
        out[2 * i] = digits[data[i] >> 4];
        out[2 * i + 1] = digits[data[i] & 0xf];
    }
    return out;
}

}  // namespace

std::string random_hex(size_t bytes) {
    std::vector<unsigned char> buf(bytes);
    // RAND_bytes only fails when the OS entropy source is broken; nothing safe can go on.
    if (RAND_bytes(buf.data(), static_cast<int>(buf.size())) != 1)
        throw std::runtime_error("OpenSSL RAND_bytes failed: no entropy");
    return to_hex(buf.data(), buf.size());
}

std::string new_id(std::string_view prefix) {
    return std::string(prefix) + "-" + random_hex(8);
}

std::string new_sortable_id(std::string_view prefix) {
    static const char* digits = "0123456789abcdef";
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::system_clock::now().time_since_epoch())
                  .count();
    std::string stamp(12, '0');
    for (int i = 11; i >= 0; --i, ms >>= 4) stamp[static_cast<size_t>(i)] = digits[ms & 0xf];
    // The counter orders ids made within one millisecond; the random tail keeps ids from two
    // processes apart.
    static std::atomic<unsigned> counter{0};
    unsigned n = counter.fetch_add(1) & 0xffff;
    std::string seq(4, '0');
    for (int i = 3; i >= 0; --i, n >>= 4) seq[static_cast<size_t>(i)] = digits[n & 0xf];
    return std::string(prefix) + "-" + stamp + seq + random_hex(3);
}

std::string sha256_hex(std::string_view data) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
    return to_hex(md, len);
}

}  // namespace tidepool::runtime
