#include "runtime/startup_script.h"

#include <vector>

namespace tidepool::runtime {

namespace {

struct VariableRule {
    const char* name;
    bool quoted;  // operator- or user-controlled text: rendered as one quoted literal
};

constexpr VariableRule kVariables[] = {
    {"checkin_token", false},       {"checkin_url", false},
    {"api_url", false},             {"upstream_auth_address", true},
    {"server_id", false},           {"server_name", false},
    {"config_id", false},           {"pool_id", false},
    {"connection_username", true},  {"connection_password", true},
    {"ad_join_credential", true},   {"domain", true},
    {"nginx_cert", true},           {"nginx_key", true},
    {"service_token", false},       {"guest_accounts_url", false},
};

const VariableRule* find_rule(std::string_view name) {
    for (const auto& rule : kVariables)
        if (name == rule.name) return &rule;
    return nullptr;
}

// PowerShell ends a single-quoted string at any of these, not just the ASCII apostrophe.
constexpr std::string_view kPowerShellQuotes[] = {"'", "\u2018", "\u2019", "\u201a", "\u201b"};

std::string quote_powershell(std::string_view value) {
    std::string out = "'";
    for (size_t i = 0; i < value.size();) {
        bool doubled = false;
        for (auto q : kPowerShellQuotes) {
            if (value.substr(i, q.size()) == q) {
                out.append(q).append(q);
                i += q.size();
                doubled = true;
                break;
            }
        }
        if (!doubled) out.push_back(value[i++]);
    }
    return out + "'";
}

std::string quote_posix(std::string_view value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\'') out += "'\\''";  // close, escaped quote, reopen
        else out.push_back(c);
    }
    return out + "'";
}

}  // namespace

const std::vector<std::string>& known_template_variables() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> all;
        for (const auto& rule : kVariables) all.emplace_back(rule.name);
        return all;
    }();
    return names;
}

bool is_quoted_variable(std::string_view name) {
    const auto* rule = find_rule(name);
    return rule != nullptr && rule->quoted;
}

ScriptLanguage script_language_for(std::string_view os_family) {
    return os_family == "windows" ? ScriptLanguage::powershell : ScriptLanguage::posix_shell;
}

std::string quote_for_script(std::string_view value, ScriptLanguage language) {
    return language == ScriptLanguage::powershell ? quote_powershell(value) : quote_posix(value);
}

namespace {

bool is_known(std::string_view name) { return find_rule(name) != nullptr; }

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
                                    ScriptLanguage language, const std::string& field) {
    std::string out;
    out.reserve(text.size());
    auto r = walk(
        text, field, [&](std::string_view s) { out.append(s); },
        [&](std::string_view name, size_t offset) -> Result<void> {
            auto it = vars.find(name);
            if (it == vars.end()) return unknown_variable(name, offset, field);
            out.append(is_quoted_variable(name) ? quote_for_script(it->second, language)
                                                : it->second);
            return {};
        });
    if (!r.ok()) return r.error();
    return out;
}

}  // namespace tidepool::runtime
