#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "auth/policy.h"

using tidepool::auth::is_public_route;
using tidepool::auth::parse_role;
using tidepool::auth::Role;
using tidepool::auth::role_allows;

TEST_CASE("only probes and the check-in route are public") {
    struct Case {
        const char* method;
        const char* route;
        bool open;
    };
    const std::vector<Case> cases = {
        {"GET", "/healthz", true},
        {"GET", "/readyz", true},
        {"HEAD", "/healthz", true},
        {"POST", "/api/set_server_status", true},
        {"GET", "/api/guest/accounts", true},
        {"POST", "/api/guest/accounts/{session}", true},
        {"GET", "/api/guestx", false},
        {"POST", "/healthz", false},
        {"GET", "/api/set_server_status", false},
        {"GET", "/api/v1/status", false},
        {"GET", "/metrics", false},
        {"GET", "/api/v1/openapi.json", false},
        {"GET", "/api/v1/sessions", false},
        {"GET", "", false},  // an unknown path still needs a key
    };
    for (const auto& c : cases) {
        CAPTURE(c.method);
        CAPTURE(c.route);
        CHECK(is_public_route(c.method, c.route) == c.open);
    }
}

TEST_CASE("what each role may call") {
    struct Case {
        Role role;
        const char* method;
        const char* route;
        bool allowed;
    };
    const std::vector<Case> cases = {
        {Role::admin, "POST", "/api/v1/pools", true},
        {Role::admin, "DELETE", "/api/v1/keys/{id}", true},
        {Role::admin, "POST", "/api/v1/keys", true},
        {Role::broker, "POST", "/api/v1/sessions", true},
        {Role::broker, "GET", "/api/v1/sessions", true},
        {Role::broker, "GET", "/api/v1/sessions/{id}", true},
        {Role::broker, "DELETE", "/api/v1/sessions/{id}", true},
        {Role::broker, "GET", "/api/v1/pools", false},
        {Role::broker, "POST", "/api/v1/pools", false},
        {Role::broker, "GET", "/api/v1/sessionsx", false},
        {Role::broker, "GET", "/api/v1/keys", false},
        {Role::broker, "POST", "/api/v1/servers/{id}/drain", false},
        {Role::read_only, "GET", "/api/v1/pools", true},
        {Role::read_only, "GET", "/api/v1/sessions/{id}", true},
        {Role::read_only, "HEAD", "/api/v1/status", true},
        {Role::read_only, "GET", "/metrics", true},
        {Role::read_only, "POST", "/api/v1/pools", false},
        {Role::read_only, "PUT", "/api/v1/pools/{id}", false},
        {Role::read_only, "DELETE", "/api/v1/sessions/{id}", false},
        {Role::read_only, "POST", "/api/v1/sessions", false},
        {Role::read_only, "GET", "/api/v1/keys", false},
        {Role::read_only, "GET", "/api/v1/keys/{id}", false},
        {Role::read_only, "POST", "/api/v1/reconcile", false},
        // No such route: every authenticated caller gets the honest 404/405.
        {Role::broker, "GET", "", true},
        {Role::read_only, "POST", "", true},
    };
    for (const auto& c : cases) {
        CAPTURE(to_string(c.role));
        CAPTURE(c.method);
        CAPTURE(c.route);
        CHECK(role_allows(c.role, c.method, c.route) == c.allowed);
    }
}

TEST_CASE("role names round-trip and unknown ones are refused") {
    for (Role r : {Role::admin, Role::broker, Role::read_only}) {
        CHECK(parse_role(to_string(r)) == r);
    }
    CHECK(std::string(to_string(Role::read_only)) == "read-only");
    CHECK_FALSE(parse_role("readonly"));
    CHECK_FALSE(parse_role("Admin"));
    CHECK_FALSE(parse_role(""));
}
