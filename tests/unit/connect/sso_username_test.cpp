#include <doctest/doctest.h>

#include "connect/sso_username.h"

using tidepool::connect::sso_username;

TEST_CASE("SSO usernames are shaped by the config's SSO domain") {
    struct Case {
        const char* user;
        const char* domain;
        const char* expected;
    };
    const Case cases[] = {
        // Blank: the name exactly as the user gave it.
        {"john_smith@example.com", "", "john_smith@example.com"},
        {"john_smith", "", "john_smith"},
        // localhost: the domain part dropped (the brief's example).
        {"john_smith@example.com", "localhost", "john_smith"},
        {"john_smith", "localhost", "john_smith"},
        // Another domain: the local part, qualified with it.
        {"john_smith@example.com", "corp.example.net", "john_smith@corp.example.net"},
        {"john_smith", "CORP", "john_smith@CORP"},
        // The local part ends at the last '@'.
        {"odd@name@example.com", "localhost", "odd@name"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.user);
        CAPTURE(c.domain);
        CHECK(sso_username(c.user, c.domain) == c.expected);
    }
}
