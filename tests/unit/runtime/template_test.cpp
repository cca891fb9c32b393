#include <doctest/doctest.h>

#include "runtime/startup_script.h"

using namespace tidepool;

TEST_CASE("startup templates render variables and literal braces") {
    runtime::TemplateVars vars{{"server_id", "srv-1"}, {"checkin_token", "t0k"}};
    auto out = runtime::render_template("id={server_id} t={checkin_token} {{x}}", vars, "/s");
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
