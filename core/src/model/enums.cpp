#include "model/enums.h"

#include <array>
#include <vector>

namespace tidepool::model {
namespace {

constexpr std::array<EnumName<PoolKind>, 2> kPoolKinds{{
    {PoolKind::server, "server"},
    {PoolKind::agent, "agent"},
}};
constexpr std::array<EnumName<PlacementStrategy>, 2> kPlacements{{
    {PlacementStrategy::breadth_first, "breadth_first"},
    {PlacementStrategy::depth_first, "depth_first"},
}};
constexpr std::array<EnumName<ProviderKind>, 2> kProviderKinds{{
    {ProviderKind::vm, "vm"},
    {ProviderKind::dns, "dns"},
}};
constexpr std::array<EnumName<ConnectionType>, 4> kConnectionTypes{{
    {ConnectionType::kasmvnc, "kasmvnc"},
    {ConnectionType::rdp, "rdp"},
    {ConnectionType::vnc, "vnc"},
    {ConnectionType::ssh, "ssh"},
}};
constexpr std::array<EnumName<CredentialType>, 4> kCredentialTypes{{
    {CredentialType::static_credentials, "static_credentials"},
    {CredentialType::dynamic_accounts, "dynamic_accounts"},
    {CredentialType::sso_accounts, "sso_accounts"},
    {CredentialType::smartcard, "smartcard"},
}};
constexpr std::array<EnumName<AccountState>, 4> kAccountStates{{
    {AccountState::pending, "pending"},
    {AccountState::created, "created"},
    {AccountState::removing, "removing"},
    {AccountState::removed, "removed"},
}};
constexpr std::array<EnumName<MachineState>, 6> kMachineStates{{
    {MachineState::starting, "starting"},
    {MachineState::running, "running"},
    {MachineState::draining, "draining"},
    {MachineState::deleting, "deleting"},
    {MachineState::gone, "gone"},
    {MachineState::failed, "failed"},
}};
constexpr std::array<EnumName<SessionKind>, 2> kSessionKinds{{
    {SessionKind::desktop, "desktop"},
    {SessionKind::app, "app"},
}};
constexpr std::array<EnumName<SessionState>, 6> kSessionStates{{
    {SessionState::queued, "queued"},
    {SessionState::placed, "placed"},
    {SessionState::ended, "ended"},
    {SessionState::failed, "failed"},
    {SessionState::cancelled, "cancelled"},
    {SessionState::staged, "staged"},
}};
constexpr std::array<EnumName<JournalOp>, 4> kJournalOps{{
    {JournalOp::create_vm, "create_vm"},
    {JournalOp::delete_vm, "delete_vm"},
    {JournalOp::dns_upsert, "dns_upsert"},
    {JournalOp::dns_delete, "dns_delete"},
}};
constexpr std::array<EnumName<JournalState>, 3> kJournalStates{{
    {JournalState::intent, "intent"},
    {JournalState::settled, "settled"},
    {JournalState::failed, "failed"},
}};

}  // namespace

// clang-format off
template <> std::span<const EnumName<PoolKind>> enum_names() { return kPoolKinds; }
template <> std::span<const EnumName<PlacementStrategy>> enum_names() { return kPlacements; }
template <> std::span<const EnumName<ProviderKind>> enum_names() { return kProviderKinds; }
template <> std::span<const EnumName<ConnectionType>> enum_names() { return kConnectionTypes; }
template <> std::span<const EnumName<CredentialType>> enum_names() { return kCredentialTypes; }
template <> std::span<const EnumName<AccountState>> enum_names() { return kAccountStates; }
template <> std::span<const EnumName<MachineState>> enum_names() { return kMachineStates; }
template <> std::span<const EnumName<SessionKind>> enum_names() { return kSessionKinds; }
template <> std::span<const EnumName<SessionState>> enum_names() { return kSessionStates; }
template <> std::span<const EnumName<JournalOp>> enum_names() { return kJournalOps; }
template <> std::span<const EnumName<JournalState>> enum_names() { return kJournalStates; }

const char* to_string(PoolKind v) { return enum_to_string(v); }
const char* to_string(PlacementStrategy v) { return enum_to_string(v); }
const char* to_string(ProviderKind v) { return enum_to_string(v); }
const char* to_string(ConnectionType v) { return enum_to_string(v); }
const char* to_string(CredentialType v) { return enum_to_string(v); }
const char* to_string(AccountState v) { return enum_to_string(v); }
const char* to_string(MachineState v) { return enum_to_string(v); }
const char* to_string(SessionKind v) { return enum_to_string(v); }
const char* to_string(SessionState v) { return enum_to_string(v); }
const char* to_string(JournalOp v) { return enum_to_string(v); }
const char* to_string(JournalState v) { return enum_to_string(v); }

std::optional<PoolKind> parse_pool_kind(std::string_view t) { return parse_enum<PoolKind>(t); }
std::optional<PlacementStrategy> parse_placement_strategy(std::string_view t) {
    return parse_enum<PlacementStrategy>(t);
}
std::optional<ProviderKind> parse_provider_kind(std::string_view t) {
    return parse_enum<ProviderKind>(t);
}
std::optional<ConnectionType> parse_connection_type(std::string_view t) {
    return parse_enum<ConnectionType>(t);
}
std::optional<MachineState> parse_machine_state(std::string_view t) {
    return parse_enum<MachineState>(t);
}
std::optional<SessionKind> parse_session_kind(std::string_view t) {
    return parse_enum<SessionKind>(t);
}
std::optional<SessionState> parse_session_state(std::string_view t) {
    return parse_enum<SessionState>(t);
}
std::optional<JournalOp> parse_journal_op(std::string_view t) { return parse_enum<JournalOp>(t); }
std::optional<JournalState> parse_journal_state(std::string_view t) {
    return parse_enum<JournalState>(t);
}
// clang-format on

std::string describe_choices(std::span<const char* const> names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += (i + 1 == names.size()) ? " or " : ", ";
        out += '"';
        out += names[i];
        out += '"';
    }
    return out;
}

}  // namespace tidepool::model
