// A plugin's config schema (JSON Schema draft-04): checked once at load, then used to validate
// every provider config an operator writes and to find the members that hold secrets.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <tidepool/result.h>

namespace tidepool::plugins {

class ConfigSchema {
public:
    // Refuses text that is not JSON, not an object, or not a valid draft-04 schema.
    static Result<std::shared_ptr<const ConfigSchema>> parse(std::string_view text);

    ~ConfigSchema();
    ConfigSchema(const ConfigSchema&) = delete;
    ConfigSchema& operator=(const ConfigSchema&) = delete;

    // Ok, or Error{invalid, "<what is wrong>", field = JSON pointer into the config}.
    Result<void> validate(std::string_view config_json) const;

    // JSON pointers of the members marked "x-tidepool-secret": true, through nested
    // "properties" (e.g. "/token", "/auth/secret_key"), in schema order.
    const std::vector<std::string>& secret_fields() const { return secrets_; }

    const std::string& text() const { return text_; }

private:
    struct Impl;
    ConfigSchema();
    std::unique_ptr<Impl> impl_;
    std::string text_;
    std::vector<std::string> secrets_;
};

}  // namespace tidepool::plugins
