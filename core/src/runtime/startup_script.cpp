#include "runtime/startup_script.h"

#include <algorithm>
#include <vector>

namespace tidepool::runtime {

const std::vector<std::string>& known_template_variables() {
    static const std::vector<std::string> names = {
        "checkin_token",       "checkin_url",          "api_url",
        "upstream_auth_address", "server_id",          "server_name",
        "connection_username", "connection_password",  "ad_join_credential",
        "domain",              "config_id",            "pool_id",
    };
    return names;
}

namespace {

bool is_known(std::string_view name) {
    const auto& names = known_template_variables();
    return std::find(names.begin(), names.end(), name) != names.end();
}

Error template_error(const std::string& field, std::string message) {
    return make_error(ErrorCode::invalid, std::move(message), field);
}

// Walks the template once, calling on_text for literal runs and on_var for each variable.
template <class OnText, class OnVar>
Result<void> walk(std::string_view text, const std::string& field, OnText on_text,
                  OnVar on_var) {
    size_t i = 0;
    while (i < text.size()) {
        char c = text[i];
        if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
            on_text(std::string_view(&text[i], 1));
            i += 2;
        } else if (c == '{') {
            size_t close = text.find('}', i);
            if (close == std::string_view::npos)
                return template_error(field, "unclosed '{' at offset " + std::to_string(i) +
                                                 "; write '{{' for a literal brace");
            auto name = text.substr(i + 1, close - i - 1);
            if (auto r = on_var(name, i); !r.ok()) return r;
            i = close + 1;
        } else if (c == '}') {
            return template_error(field, "stray '}' at offset " + std::to_string(i) +
                                             "; write '}}' for a literal brace");
        } else {
            size_t next = text.find_first_of("{}", i);
            if (next == std::string_view::npos) next = text.size();
            on_text(text.substr(i, next - i));
            i = next;
        }
    }
    return {};
}

Error unknown_variable(std::string_view name, size_t offset, const std::string& field) {
    std::string known;
    for (const auto& n : known_template_variables()) known += (known.empty() ? "" : ", ") + n;
    return template_error(field, "unknown variable {" + std::string(name) + "} at offset " +
                                     std::to_string(offset) + "; known variables: " + known +
                                     " (write '{{' for a literal brace)");
}

}  // namespace

Result<void> check_template(std::string_view text, const std::string& field) {
    return walk(
        text, field, [](std::string_view) {},
        [&](std::string_view name, size_t offset) -> Result<void> {
            if (!is_known(name)) return unknown_variable(name, offset, field);
            return {};
        });
}

Result<std::string> render_template(std::string_view text, const TemplateVars& vars,
                                    const std::string& field) {
    std::string out;
    out.reserve(text.size());
    auto r = walk(
        text, field, [&](std::string_view s) { out.append(s); },
        [&](std::string_view name, size_t offset) -> Result<void> {
            auto it = vars.find(name);
            if (it == vars.end()) return unknown_variable(name, offset, field);
            out.append(it->second);
            return {};
        });
    if (!r.ok()) return r.error();
    return out;
}

}  // namespace tidepool::runtime
