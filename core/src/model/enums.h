// Text names of the model's enums, as they appear in JSON, in the store and on the command line.
// One table per enum (enums.cpp) so the codec, the store and the CLI can never disagree.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/accounts.h"
#include "model/journal.h"
#include "model/machines.h"
#include "model/objects.h"

namespace tidepool::model {

template <class E>
struct EnumName {
    E value;
    const char* name;
};

// Every value of E with its lowercase name, in declaration order. Specialised in enums.cpp for
// the enums below only.
template <class E>
std::span<const EnumName<E>> enum_names();

// Declared here so that every translation unit sees the specialisations before using them.
template <> std::span<const EnumName<PoolKind>> enum_names();
template <> std::span<const EnumName<PlacementStrategy>> enum_names();
template <> std::span<const EnumName<ProviderKind>> enum_names();
template <> std::span<const EnumName<ConnectionType>> enum_names();
template <> std::span<const EnumName<CredentialType>> enum_names();
template <> std::span<const EnumName<AccountState>> enum_names();
template <> std::span<const EnumName<MachineState>> enum_names();
template <> std::span<const EnumName<SessionKind>> enum_names();
template <> std::span<const EnumName<SessionState>> enum_names();
template <> std::span<const EnumName<JournalOp>> enum_names();
template <> std::span<const EnumName<JournalState>> enum_names();

const char* to_string(PoolKind v);
const char* to_string(PlacementStrategy v);
const char* to_string(ProviderKind v);
const char* to_string(ConnectionType v);
const char* to_string(CredentialType v);
const char* to_string(AccountState v);
const char* to_string(MachineState v);
const char* to_string(SessionKind v);
const char* to_string(SessionState v);
const char* to_string(JournalOp v);
const char* to_string(JournalState v);

// Exact, case-sensitive: "Server" is refused so that stored text has one spelling.
std::optional<PoolKind> parse_pool_kind(std::string_view text);
std::optional<PlacementStrategy> parse_placement_strategy(std::string_view text);
std::optional<ProviderKind> parse_provider_kind(std::string_view text);
std::optional<ConnectionType> parse_connection_type(std::string_view text);
std::optional<MachineState> parse_machine_state(std::string_view text);
std::optional<SessionKind> parse_session_kind(std::string_view text);
std::optional<SessionState> parse_session_state(std::string_view text);
std::optional<JournalOp> parse_journal_op(std::string_view text);
std::optional<JournalState> parse_journal_state(std::string_view text);

template <class E>
std::optional<E> parse_enum(std::string_view text) {
    for (const auto& entry : enum_names<E>()) {
        if (text == entry.name) return entry.value;
    }
    return std::nullopt;
}

template <class E>
const char* enum_to_string(E value) {
    for (const auto& entry : enum_names<E>()) {
        if (entry.value == value) return entry.name;
    }
    return "unknown";
}

// The accepted spellings for an error message: "\"vm\" or \"dns\"", "\"a\", \"b\" or \"c\"".
std::string describe_choices(std::span<const char* const> names);

template <class E>
std::string describe_enum() {
    std::vector<const char*> names;
    for (const auto& entry : enum_names<E>()) names.push_back(entry.name);
    return describe_choices(names);
}

}  // namespace tidepool::model
