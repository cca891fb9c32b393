#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "secrets/key_file.h"
#include "secrets/sealer.h"

namespace fs = std::filesystem;
using tidepool::ErrorCode;
using tidepool::secrets::read_private_file;
using tidepool::secrets::Sealer;
using tidepool::secrets::write_private_file;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("tp-secrets-" + std::to_string(::getpid()) + "-" +
                                            std::to_string(counter()++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    static int& counter() {
        static int n = 0;
        return n;
    }
};

mode_t mode_of(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

void write_file(const fs::path& p, const std::string& content, mode_t mode) {
    std::ofstream(p, std::ios::binary) << content;
    REQUIRE(::chmod(p.c_str(), mode) == 0);
}

}  // namespace

TEST_CASE("open_or_create makes a 0600 32-byte key that reopens to the same key") {
    TempDir dir;
    const fs::path key = dir.path / "nested" / "seal.key";
    auto first = Sealer::open_or_create(key);
    REQUIRE(first.ok());
    CHECK(mode_of(key) == 0600);
    CHECK(fs::file_size(key) == 32);
    const std::string sealed = first->seal("token", "ctx");
    auto second = Sealer::open_or_create(key);
    REQUIRE(second.ok());
    auto opened = second->unseal(sealed, "ctx");
    REQUIRE(opened.ok());
    CHECK(*opened == "token");
}

TEST_CASE("open_or_create refuses a key file others can read or of the wrong size") {
    TempDir dir;
    struct Case {
        std::string content;
        mode_t mode;
        std::string expect;
    };
    const Case cases[] = {
        {std::string(32, 'k'), 0640, "chmod 600"},
        {std::string(32, 'k'), 0604, "mode 0604"},
        {std::string(31, 'k'), 0600, "holds 31 bytes, expected 32"},
        {std::string(33, 'k'), 0600, "holds 33 bytes, expected 32"},
        {"", 0600, "holds 0 bytes"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.expect);
        const fs::path key = dir.path / "seal.key";
        fs::remove(key);
        write_file(key, c.content, c.mode);
        auto opened = Sealer::open_or_create(key);
        REQUIRE_FALSE(opened.ok());
        CHECK(opened.error().code == ErrorCode::invalid);
        CHECK(opened.error().message.find(c.expect) != std::string::npos);
        CHECK(opened.error().message.find(key.string()) != std::string::npos);
        CHECK(fs::file_size(key) == c.content.size());  // never replaced
    }
}

TEST_CASE("open_or_create refuses a directory where the key should be") {
    TempDir dir;
    fs::create_directories(dir.path / "seal.key");
    CHECK_FALSE(Sealer::open_or_create(dir.path / "seal.key").ok());
}

TEST_CASE("write_private_file never overwrites and read_private_file reports absence") {
    TempDir dir;
    const fs::path p = dir.path / "admin-api-key";
    REQUIRE(write_private_file(p, "first").ok());
    auto again = write_private_file(p, "second");
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == ErrorCode::conflict);
    auto read = read_private_file(p);
    REQUIRE(read.ok());
    CHECK(*read == "first");
    CHECK(read_private_file(dir.path / "absent").error().code == ErrorCode::not_found);
}
