// Startup-script templates: `{name}` is replaced by a variable's value, `{{` and `}}` are
// literal braces. Rendered by the core, then handed to the provider (DESIGN §2).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "tidepool/result.h"

namespace tidepool::runtime {

using TemplateVars = std::map<std::string, std::string, std::less<>>;

// The variable names a template may use; anything else is refused when a config is saved, so a
// typo never reaches a machine as literal text.
const std::vector<std::string>& known_template_variables();

// Checks a template's syntax and variable names without values. `field` is the JSON pointer
// reported on error.
Result<void> check_template(std::string_view text, const std::string& field);

// Renders a template; every variable it names must be in vars.
Result<std::string> render_template(std::string_view text, const TemplateVars& vars,
                                    const std::string& field);

}  // namespace tidepool::runtime
