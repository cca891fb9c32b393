// Startup-script templates: `{name}` is replaced by a variable's value, `{{` and `}}` are
// literal braces. Rendered by the core, then handed to the provider (DESIGN §2).
//
// Values someone could choose (an operator's password or domain, a certificate, a user name)
// expand to ONE quoted string literal of the script's language, so no value can end the string
// and run code of its own; generated values (ids, tokens, URLs built from them) expand as they
// are. The table in docs/startup-scripts.md lists which is which.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "tidepool/result.h"

namespace tidepool::runtime {

using TemplateVars = std::map<std::string, std::string, std::less<>>;

// bash/sh scripts on Linux, PowerShell on Windows (the config's os_family).
enum class ScriptLanguage { posix_shell, powershell };
ScriptLanguage script_language_for(std::string_view os_family);

// `value` as a single-quoted literal: 'it'\''s' for sh, 'it''s' for PowerShell (which also
// treats the typographic quotes ‘ ’ ‚ ‛ as quote marks, so those are doubled too).
std::string quote_for_script(std::string_view value, ScriptLanguage language);

// True for the variables whose values are quoted when rendered.
bool is_quoted_variable(std::string_view name);

// The variable names a template may use; anything else is refused when a config is saved, so a
// typo never reaches a machine as literal text.
const std::vector<std::string>& known_template_variables();

// Checks a template's syntax and variable names without values. `field` is the JSON pointer
// reported on error.
Result<void> check_template(std::string_view text, const std::string& field);

// Renders a template; every variable it names must be in vars.
Result<std::string> render_template(std::string_view text, const TemplateVars& vars,
                                    ScriptLanguage language, const std::string& field);

}  // namespace tidepool::runtime
