#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "auth/authenticator.h"
#include "auth/bootstrap.h"

namespace fs = std::filesystem;
using namespace tidepool::auth;
using tidepool::ErrorCode;

namespace {

// A fresh SQLite store in a temporary directory and an authenticator on a hand-moved clock.
struct Fixture {
    fs::path dir;
    std::unique_ptr<tidepool::store::Store> store;
    std::chrono::steady_clock::time_point now{};
    std::unique_ptr<Authenticator> auth;

    Fixture() {
        static int n = 0;
        dir = fs::temp_directory_path() /
              ("tp-auth-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
        fs::remove_all(dir);
        fs::create_directories(dir);
        auto opened = tidepool::store::open_sqlite_store({(dir / "t.db").string()});
        REQUIRE(opened.ok());
        store = std::move(opened.value());
        Authenticator::Options options;
        options.iterations = 1000;  // the count is stored per key; tests need not be slow
        options.now = [this] { return now; };
        auth = std::make_unique<Authenticator>(*store, options);
    }
    ~Fixture() { fs::remove_all(dir); }

    std::string bearer(const std::string& token) { return "Bearer " + token; }
};

std::string read_text(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("a created key authenticates with its role and stores no secret") {
    Fixture f;
    auto created = f.auth->create_key(Role::broker, "web portal");
    REQUIRE(created.ok());
    const std::string secret = created->token.substr(created->token.find('.') + 1);
    auto who = f.auth->authenticate(f.bearer(created->token));
    REQUIRE(who.ok());
    CHECK(who->role == Role::broker);
    CHECK(who->key_id == created->record.id);
    CHECK(who->name == "web portal");
    auto stored = f.store->get_api_key(created->record.id);
    REQUIRE(stored.ok());
    CHECK(stored->hash_hex.find(secret) == std::string::npos);
    CHECK(stored->iterations == 1000);
    CHECK(stored->role == "broker");
}

TEST_CASE("refusals: unknown key, wrong secret, revoked key") {
    Fixture f;
    auto admin = f.auth->create_key(Role::admin, "a");
    auto other = f.auth->create_key(Role::read_only, "r");
    REQUIRE((admin.ok() && other.ok()));
    const std::string id = other->record.id;
    const std::string wrong = id + "." + std::string(64, '0');
    auto bad = f.auth->authenticate(f.bearer(wrong));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == ErrorCode::unauthenticated);
    CHECK(bad.error().message == "wrong secret for API key " + id);

    auto unknown = f.auth->authenticate(f.bearer("key-00000000deadbeef." + std::string(64, '1')));
    CHECK(unknown.error().message == "unknown API key key-00000000deadbeef");

    REQUIRE(f.auth->authenticate(f.bearer(other->token)).ok());  // now cached
    auto revoked = f.auth->revoke_key(id);
    REQUIRE(revoked.ok());
    CHECK(revoked->revoked_at != tidepool::model::Instant{});
    auto after = f.auth->authenticate(f.bearer(other->token));
    REQUIRE_FALSE(after.ok());
    CHECK(after.error().message == "API key " + id + " has been revoked");
    CHECK(f.auth->revoke_key(id).ok());  // twice is fine
    CHECK(f.auth->revoke_key("key-0000000000000000").error().code == ErrorCode::not_found);
}

TEST_CASE("a verified key is cached for the TTL only") {
    Fixture f;
    auto key = f.auth->create_key(Role::admin, "");
    REQUIRE(key.ok());
    REQUIRE(f.auth->authenticate(f.bearer(key->token)).ok());
    // Change the stored hash behind the authenticator's back: within the TTL the cached
    // verification answers (no PBKDF2, no store read); after it, the store decides again.
    auto record = f.store->get_api_key(key->record.id).value();
    record.hash_hex = std::string(64, '0');
    REQUIRE(f.store->put_api_key(record).ok());
    f.now += std::chrono::seconds(59);
    CHECK(f.auth->authenticate(f.bearer(key->token)).ok());
    // A wrong secret is never accepted from the cache.
    CHECK_FALSE(f.auth->authenticate(f.bearer(key->record.id + "." + std::string(64, 'f'))).ok());
    f.now += std::chrono::seconds(2);
    CHECK_FALSE(f.auth->authenticate(f.bearer(key->token)).ok());
}

TEST_CASE("the last active admin key cannot be revoked") {
    Fixture f;
    auto first = f.auth->create_key(Role::admin, "first");
    auto broker = f.auth->create_key(Role::broker, "b");
    REQUIRE((first.ok() && broker.ok()));
    auto refused = f.auth->revoke_key(first->record.id);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::conflict);
    CHECK(refused.error().message.find("last active admin key") != std::string::npos);
    auto second = f.auth->create_key(Role::admin, "second");
    REQUIRE(second.ok());
    CHECK(f.auth->revoke_key(first->record.id).ok());
    CHECK_FALSE(f.auth->revoke_key(second->record.id).ok());
}

TEST_CASE("key names are checked") {
    Fixture f;
    CHECK(f.auth->create_key(Role::admin, std::string(64, 'n')).ok());
    auto long_name = f.auth->create_key(Role::admin, std::string(65, 'n'));
    REQUIRE_FALSE(long_name.ok());
    CHECK(long_name.error().field == "/name");
    auto control = f.auth->create_key(Role::admin, "tab\there");
    REQUIRE_FALSE(control.ok());
    CHECK(control.error().field == "/name");
}

TEST_CASE("the bootstrap admin key is made once, owner-only, and works") {
    Fixture f;
    const fs::path file = f.dir / "data" / "admin-api-key";
    auto made = ensure_bootstrap_key(*f.auth, file);
    REQUIRE(made.ok());
    REQUIRE(made->has_value());
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    const std::string token = read_text(file);
    CHECK(token.back() == '\n');
    auto who = f.auth->authenticate("Bearer " + token);
    REQUIRE(who.ok());
    CHECK(who->role == Role::admin);
    CHECK(who->name == "bootstrap");

    auto again = ensure_bootstrap_key(*f.auth, file);
    REQUIRE(again.ok());
    CHECK_FALSE(again->has_value());
    CHECK(read_text(file) == token);
}

TEST_CASE("a stale bootstrap file from a wiped database is replaced") {
    Fixture f;
    const fs::path file = f.dir / "admin-api-key";
    {
        std::ofstream(file) << "key-0000000000000000." << std::string(64, '0') << "\n";
    }
    ::chmod(file.c_str(), 0600);
    auto made = ensure_bootstrap_key(*f.auth, file);
    REQUIRE(made.ok());
    REQUIRE(made->has_value());
    CHECK(f.auth->authenticate("Bearer " + read_text(file)).ok());
}
