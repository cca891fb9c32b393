#include <doctest/doctest.h>

#include <cstdio>
#include <optional>

#include "runtime/service_tokens.h"
#include "runtime/startup_script.h"

using namespace tidepool;

TEST_CASE("startup templates render variables and literal braces") {
    runtime::TemplateVars vars{{"server_id", "srv-1"}, {"checkin_token", "t0k"}};
    auto out = runtime::render_template("id={server_id} t={checkin_token} {{x}}", vars,
                                        runtime::ScriptLanguage::posix_shell, "/s");
    REQUIRE(out.ok());
    CHECK(out.value() == "id=srv-1 t=t0k {x}");
}

TEST_CASE("bad templates name the field, the offset and the fix") {
    struct Case { const char* text; const char* needle; };
    const Case cases[] = {
        {"echo {sever_id}", "unknown variable {sever_id} at offset 5"},
        {"echo {server_id", "unclosed '{' at offset 5"},
        {"echo }", "stray '}' at offset 5"},
    };
    for (const auto& c : cases) {
        auto r = runtime::check_template(c.text, "/autoscale_configs/0/startup_script");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().field == "/autoscale_configs/0/startup_script");
        CHECK_MESSAGE(r.error().message.find(c.needle) != std::string::npos, r.error().message);
    }
}

TEST_CASE("chosen values render as one quoted literal, generated ones verbatim") {
    using runtime::ScriptLanguage;
    const std::string hostile = "x'; rm -rf / #$(reboot)`id`";
    runtime::TemplateVars vars{{"connection_password", hostile}, {"server_id", "srv-1"}};
    struct Case {
        ScriptLanguage language;
        const char* expected;
    };
    const Case cases[] = {
        {ScriptLanguage::posix_shell, "P='x'\\''; rm -rf / #$(reboot)`id`' S=srv-1"},
        {ScriptLanguage::powershell, "P='x''; rm -rf / #$(reboot)`id`' S=srv-1"},
    };
    for (const auto& c : cases) {
        auto out = runtime::render_template("P={connection_password} S={server_id}", vars,
                                            c.language, "/s");
        REQUIRE(out.ok());
        CHECK(out.value() == c.expected);
    }
    // PowerShell also ends a quoted string at typographic quotes; they are doubled too.
    CHECK(runtime::quote_for_script("a\u2019b", ScriptLanguage::powershell) ==
          "'a\u2019\u2019b'");
    CHECK(runtime::script_language_for("windows") == ScriptLanguage::powershell);
    CHECK(runtime::script_language_for("linux") == ScriptLanguage::posix_shell);
}

TEST_CASE("the quoted POSIX literal survives a real shell unchanged") {
    const std::string hostile = "it's \"$HOME\" `id` $(echo pwned)\nline2 \\ end";
    const std::string script =
        "printf '%s' " + runtime::quote_for_script(hostile, runtime::ScriptLanguage::posix_shell);
    std::string command = "sh -c " + runtime::quote_for_script(script,
                                                               runtime::ScriptLanguage::posix_shell);
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string out;
    char buf[256];
    while (size_t n = fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
    CHECK(pclose(pipe) == 0);
    CHECK(out == hostile);
}

TEST_CASE("service tokens are bound to one machine and verified in constant time") {
    runtime::ServiceTokens tokens("k1");
    auto t = tokens.token_for("srv-1");
    CHECK(tokens.verify(t) == std::optional<std::string>("srv-1"));
    CHECK(tokens.token_for("srv-1") == t);  // stable across re-rendering
    CHECK_FALSE(tokens.verify("srv-2" + t.substr(t.find('.'))).has_value());
    CHECK_FALSE(runtime::ServiceTokens("k2").verify(t).has_value());
    CHECK_FALSE(tokens.verify("garbage").has_value());
    CHECK_FALSE(tokens.verify(".abc").has_value());
}

TEST_CASE("check-in tokens derive from the idempotency key under the daemon key") {
    runtime::ServiceTokens tokens("k1");
    auto t = tokens.checkin_token_for("idem-1");
    CHECK(t.size() == 48);
    CHECK(t == tokens.checkin_token_for("idem-1"));  // a retried create renders the same
    CHECK(t != tokens.checkin_token_for("idem-2"));
    CHECK(t != runtime::ServiceTokens("k2").checkin_token_for("idem-1"));
    CHECK(tokens.token_for("idem-1").find(t) == std::string::npos);  // another purpose
}
