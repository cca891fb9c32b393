// Builds a tp_vm_provider table from a C++ client class, with every entry point behind guard().
//
// The class describes one open client (one provider config):
//
//     class MyClient {
//     public:
//         static std::unique_ptr<MyClient> open(std::string_view config_json);
//         void create(const Call&, const VmSpec&, const VmSink&);   // emits the new VM
//         void get(const Call&, std::string_view provider_id, const VmSink&);  // or NOT_FOUND
//         void list(const Call&, const KeyValues& filter, const VmSink&);
//         void remove(const Call&, std::string_view provider_id);  // missing = success
//         // optional, with TP_VM_CAP_CREDENTIALS:
//         void credentials(const Call&, std::string_view provider_id, const CredentialSink&);
//     };
//
//     constexpr tp_vm_provider kTable = vm_provider_table<MyClient>(caps, kSchema);
//
// Throw ProviderError for a classified failure (TP_ERR_NOT_FOUND, TP_ERR_CAPACITY, ...).
#pragma once

#include <tidepool/vm_provider.h>
#include <tidepool/sdk/call.hpp>
#include <tidepool/sdk/error.hpp>
#include <tidepool/sdk/strings.hpp>
#include <tidepool/sdk/vm.hpp>

#include <memory>
#include <type_traits>
#include <utility>

namespace tidepool::sdk {

namespace detail {

template <class C, class = void>
struct HasCredentials : std::false_type {};
template <class C>
struct HasCredentials<C, std::void_t<decltype(std::declval<C&>().credentials(
                             std::declval<const Call&>(), std::string_view(),
                             std::declval<const CredentialSink&>()))>> : std::true_type {};

template <class Client>
struct VmThunks {
    static Client& self(tp_vm_client c) { return *reinterpret_cast<Client*>(c); }

    static int32_t open(tp_str config, tp_vm_client* out, tp_error* err) {
        return guard(err, [&] {
            std::unique_ptr<Client> client = Client::open(view(config));
            *out = reinterpret_cast<tp_vm_client>(client.release());
        });
    }
    static void close(tp_vm_client c) {
        guard(nullptr, [&] { delete reinterpret_cast<Client*>(c); });
    }
    static int32_t create_vm(tp_vm_client c, const tp_call_ctx* call, const tp_vm_spec* spec,
                             const tp_vm_sink* sink, tp_error* err) {
        return guard(err, [&] { self(c).create(Call(call), VmSpec::from(spec), VmSink(sink)); });
    }
    static int32_t get_vm(tp_vm_client c, const tp_call_ctx* call, tp_str id,
                          const tp_vm_sink* sink, tp_error* err) {
        return guard(err, [&] { self(c).get(Call(call), view(id), VmSink(sink)); });
    }
    static int32_t list_vms(tp_vm_client c, const tp_call_ctx* call, tp_kv_list filter,
                            const tp_vm_sink* sink, tp_error* err) {
        return guard(err, [&] { self(c).list(Call(call), to_key_values(filter), VmSink(sink)); });
    }
    static int32_t delete_vm(tp_vm_client c, const tp_call_ctx* call, tp_str id, tp_error* err) {
        return guard(err, [&] { self(c).remove(Call(call), view(id)); });
    }
    static int32_t get_credentials(tp_vm_client c, const tp_call_ctx* call, tp_str id,
                                   const tp_credentials_sink* sink, tp_error* err) {
        return guard(err, [&] {
            if constexpr (HasCredentials<Client>::value) {
                self(c).credentials(Call(call), view(id), CredentialSink(sink));
            }
        });
    }
};

}  // namespace detail

// The table for Client. get_credentials is filled in only when Client has credentials().
template <class Client>
constexpr tp_vm_provider vm_provider_table(uint64_t capabilities, const char* config_schema) {
    using T = detail::VmThunks<Client>;
    constexpr bool kCreds = detail::HasCredentials<Client>::value;
    return tp_vm_provider{sizeof(tp_vm_provider),
                          0,
                          capabilities | (kCreds ? TP_VM_CAP_CREDENTIALS : 0),
                          config_schema,
                          &T::open,
                          &T::close,
                          &T::create_vm,
                          &T::get_vm,
                          &T::list_vms,
                          &T::delete_vm,
                          kCreds ? &T::get_credentials : nullptr};
}

}  // namespace tidepool::sdk
