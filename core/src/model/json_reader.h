// ObjectReader: reads one JSON object member by member, validating as it goes, and refuses
// members nobody asked for. Every parse_* in json_codec is a straight list of reader calls, so
// the rules for one object read top to bottom and every error has the same shape:
//   field   = JSON pointer of the member ("/pools/2/kind")
//   message = "\"kind\": \"vm-ish\" is not allowed; use \"vm\" or \"dns\""
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "model/enums.h"
#include "model/ids.h"
#include "tidepool/result.h"

namespace tidepool::model {

// Secret members (credentials, scripts that embed passwords) never have their value echoed in
// an error; numbers, booleans and null are still shown because they cannot carry a secret.
enum class Secrecy { plain, secret };

// Escapes one reference token for a JSON pointer (RFC 6901: "~" → "~0", "/" → "~1").
std::string escape_pointer_token(std::string_view token);

// A short, single-line rendering of a value for error messages (long values are cut).
std::string render_value(const rapidjson::Value& value, Secrecy secrecy = Secrecy::plain);

// True when text matches ^[a-z0-9][a-z0-9-_.]{0,62}$.
bool is_valid_id(std::string_view text);
extern const char* const kIdRule;  // the id rule in words, for messages

class ObjectReader {
public:
    // `what` names the object for messages, e.g. "an autoscale config".
    ObjectReader(const rapidjson::Value& object, std::string_view pointer_prefix,
                 const char* what);

    void id(const char* name, Id& out, bool required);
    void text(const char* name, std::string& out, bool required = false,
              Secrecy secrecy = Secrecy::plain);
    void integer(const char* name, int& out, std::int64_t min, std::int64_t max);
    void number(const char* name, double& out, double min);
    void optional_number(const char* name, std::optional<double>& out, double min);
    void boolean(const char* name, bool& out);
    // One of a fixed list of spellings (for string fields that are not model enums).
    void choice(const char* name, std::string& out, std::span<const char* const> allowed);
    // The member if present and of the given type (else records an error and returns null).
    const rapidjson::Value* member(const char* name, rapidjson::Type type, const char* use,
                                   Secrecy secrecy = Secrecy::plain);

    template <class E>
    void enumeration(const char* name, E& out) {
        const rapidjson::Value* v = find(name);
        if (v == nullptr) return;
        std::optional<E> parsed;
        if (v->IsString()) parsed = parse_enum<E>(std::string_view(v->GetString(),
                                                                   v->GetStringLength()));
        if (parsed) {
            out = *parsed;
        } else {
            refuse(name, *v, describe_enum<E>(), Secrecy::plain);
        }
    }

    // Records a rule violation found by the caller (cross-member rules).
    void fail(const char* name, std::string message);
    // Same, for a pointer below this object (e.g. inside an embedded plugin config).
    void fail_at(std::string field, std::string message);
    std::string pointer(std::string_view name) const;
    bool ok() const { return !error_.has_value(); }

    // Unknown members first (a misspelt member usually explains a "missing" error), then the
    // first error recorded, in call order.
    Result<void> finish() const;

private:
    const rapidjson::Value* find(const char* name);
    void refuse(const char* name, const rapidjson::Value& value, const std::string& use,
                Secrecy secrecy);
    void record(std::string field, std::string message);

    const rapidjson::Value& object_;
    std::string prefix_;
    const char* what_;
    std::vector<std::string_view> known_;
    std::optional<Error> error_;
};

}  // namespace tidepool::model
