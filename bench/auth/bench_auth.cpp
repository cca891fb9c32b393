// bench_auth: prints one "BENCH <name> <value>" line per figure on stdout.
//
//   auth.pbkdf2_verify_ms     one PBKDF2-HMAC-SHA256 verification at the default iteration
//                             count (what the first request of a key per cache period pays)
//   auth.cached_verify_us     one authenticate() of a key verified before (SHA-256 of the
//                             secret plus a constant-time compare under a mutex)
//   auth.sealed_rounds_per_s  seal + unseal of a 40-byte secret (AES-256-GCM)
//
// Usage: bench_auth [--rounds N]  (default 20 PBKDF2 rounds; 1000x that for the cheap figures)
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include "auth/authenticator.h"
#include "auth/key_hash.h"
#include "secrets/sealer.h"

using namespace tidepool;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double pbkdf2_ms(int rounds) {
    const auth::KeyHash stored = auth::hash_secret(std::string(64, 'a'));
    const auto start = Clock::now();
    int ok = 0;
    for (int i = 0; i < rounds; ++i) ok += auth::verify_secret(std::string(64, 'a'), stored);
    if (ok != rounds) std::fprintf(stderr, "verification failed\n");
    return seconds_since(start) * 1000.0 / rounds;
}

double cached_us(int rounds) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("tp-bench-auth-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    double result = 0;
    {
        auto store = store::open_sqlite_store({(dir / "b.db").string()});
        if (!store.ok()) return -1;
        auth::Authenticator authenticator(*store.value());
        auto key = authenticator.create_key(auth::Role::admin, "bench");
        const std::string header = "Bearer " + key->token;
        (void)authenticator.authenticate(header);  // pays PBKDF2 once
        const auto start = Clock::now();
        for (int i = 0; i < rounds; ++i) (void)authenticator.authenticate(header);
        result = seconds_since(start) * 1e6 / rounds;
    }
    std::filesystem::remove_all(dir);
    return result;
}

double seal_rounds_per_s(int rounds) {
    secrets::SealKey key{};
    key.fill(1);
    const secrets::Sealer sealer(key);
    const std::string secret(40, 's');
    const auto start = Clock::now();
    for (int i = 0; i < rounds; ++i) {
        auto opened = sealer.unseal(sealer.seal(secret, "provider-config/x/secret"),
                                    "provider-config/x/secret");
        if (!opened.ok()) std::fprintf(stderr, "unseal failed\n");
    }
    return rounds / seconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
    int rounds = 20;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::max(1, std::atoi(argv[i + 1]));
    }
    std::printf("BENCH auth.pbkdf2_verify_ms %.2f\n", pbkdf2_ms(rounds));
    std::printf("BENCH auth.cached_verify_us %.2f\n", cached_us(rounds * 1000));
    std::printf("BENCH auth.sealed_rounds_per_s %.0f\n", seal_rounds_per_s(rounds * 1000));
    return 0;
}
