// Builds a tp_dns_provider table from a C++ client class, every entry point behind guard().
//
//     class MyDns {
//     public:
//         static std::unique_ptr<MyDns> open(std::string_view config_json);
//         void upsert(const Call&, const DnsRecordValue&);   // waits until in effect
//         void remove(const Call&, const DnsRecordValue&);   // missing = success
//         void list(const Call&, std::string_view name_suffix, const DnsSink&);
//     };
//
//     constexpr tp_dns_provider kDns = dns_provider_table<MyDns>(kSchema);
#pragma once

#include <tidepool/dns_provider.h>
#include <tidepool/sdk/call.hpp>
#include <tidepool/sdk/error.hpp>
#include <tidepool/sdk/strings.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace tidepool::sdk {

// Owned copy of a tp_dns_record.
struct DnsRecordValue {
    std::string name;  // fully qualified, no trailing dot
    std::string type;  // "A", "AAAA" or "CNAME"
    std::string value;
    uint32_t ttl_s = 300;

    static DnsRecordValue from(const tp_dns_record* record) {
        if (!record || record->struct_size < sizeof(tp_dns_record)) {
            throw ProviderError(TP_ERR_INTERNAL, "host passed a short tp_dns_record");
        }
        return DnsRecordValue{to_string(record->name), to_string(record->type),
                              to_string(record->value), record->ttl_s};
    }
};

// Wraps the host's tp_dns_sink; emit() lends a tp_dns_record for the callback's duration.
class DnsSink {
public:
    explicit DnsSink(const tp_dns_sink* sink) : sink_(sink) {}
    void emit(const DnsRecordValue& r) const {
        if (!sink_ || !sink_->on_record) return;
        tp_dns_record out{};
        out.struct_size = sizeof out;
        out.ttl_s = r.ttl_s;
        out.name = to_tp(r.name);
        out.type = to_tp(r.type);
        out.value = to_tp(r.value);
        sink_->on_record(sink_->ctx, &out);
    }

private:
    const tp_dns_sink* sink_;
};

namespace detail {

template <class Client>
struct DnsThunks {
    static Client& self(tp_dns_client c) { return *reinterpret_cast<Client*>(c); }

    static int32_t open(tp_str config, tp_dns_client* out, tp_error* err) {
        return guard(err, [&] {
            std::unique_ptr<Client> client = Client::open(view(config));
            *out = reinterpret_cast<tp_dns_client>(client.release());
        });
    }
    static void close(tp_dns_client c) {
        guard(nullptr, [&] { delete reinterpret_cast<Client*>(c); });
    }
    static int32_t upsert(tp_dns_client c, const tp_call_ctx* call, const tp_dns_record* record,
                          tp_error* err) {
        return guard(err, [&] { self(c).upsert(Call(call), DnsRecordValue::from(record)); });
    }
    static int32_t remove(tp_dns_client c, const tp_call_ctx* call, const tp_dns_record* record,
                          tp_error* err) {
        return guard(err, [&] { self(c).remove(Call(call), DnsRecordValue::from(record)); });
    }
    static int32_t list(tp_dns_client c, const tp_call_ctx* call, tp_str suffix,
                        const tp_dns_sink* sink, tp_error* err) {
        return guard(err, [&] { self(c).list(Call(call), view(suffix), DnsSink(sink)); });
    }
};

}  // namespace detail

template <class Client>
constexpr tp_dns_provider dns_provider_table(const char* config_schema) {
    using T = detail::DnsThunks<Client>;
    return tp_dns_provider{sizeof(tp_dns_provider), 0, 0, config_schema, &T::open, &T::close,
                           &T::upsert, &T::remove, &T::list};
}

}  // namespace tidepool::sdk
