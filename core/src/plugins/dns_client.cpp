#include "plugins/dns_client.h"

#include <fmt/format.h>

#include "plugins/status.h"

namespace tidepool::plugins {

namespace {

tp_str to_tp(std::string_view s) { return tp_str{s.data(), s.size()}; }

std::string copy(tp_str s) {
    return s.ptr && s.len ? std::string(s.ptr, static_cast<size_t>(s.len)) : std::string();
}

constexpr uint32_t kDnsRecordSizeV1_0 = offsetof(tp_dns_record, value) + sizeof(tp_str);

struct RecordCollector {
    std::vector<DnsRecord> records;
    std::string problem;

    static void on_record(void* ctx, const tp_dns_record* r) {
        auto* self = static_cast<RecordCollector*>(ctx);
        try {
            if (!r || r->struct_size < kDnsRecordSizeV1_0) {
                self->problem = "plugin reported a short tp_dns_record";
                return;
            }
            self->records.push_back(
                DnsRecord{copy(r->name), copy(r->type), copy(r->value), r->ttl_s});
        } catch (const std::exception& e) {
            self->problem = e.what();
        }
    }
};

tp_dns_record to_tp(const DnsRecord& r) {
    return tp_dns_record{sizeof(tp_dns_record), r.ttl_s, to_tp(r.name), to_tp(r.type),
                         to_tp(r.value)};
}

}  // namespace

Result<std::unique_ptr<DnsClient>> DnsClient::open(std::shared_ptr<LoadedPlugin> plugin,
                                                   std::string_view config_json) {
    if (!plugin || !plugin->dns()) {
        return make_error(ErrorCode::invalid,
                          fmt::format("plugin {} offers no {}",
                                      plugin ? plugin->info().id : "(none)", TP_DNS_PROVIDER_ID));
    }
    tp_error err = fresh_error();
    tp_dns_client handle = nullptr;
    int32_t status = plugin->dns()->open(to_tp(config_json), &handle, &err);
    if (status != TP_OK) return error_from_call(plugin->info().id + " open", status, err, nullptr);
    return std::unique_ptr<DnsClient>(new DnsClient(std::move(plugin), handle));
}

DnsClient::DnsClient(std::shared_ptr<LoadedPlugin> plugin, tp_dns_client handle)
    : plugin_(std::move(plugin)), table_(plugin_->dns()), handle_(handle) {}

DnsClient::~DnsClient() {
    std::lock_guard lock(mutex_);
    table_->close(handle_);
}

template <class Fn>
Result<void> DnsClient::invoke(const std::string& operation, const CallOptions& options, Fn&& fn) {
    std::lock_guard lock(mutex_);
    CallContext ctx(options);
    tp_error err = fresh_error();
    int32_t status = fn(ctx.get(), &err);
    if (status != TP_OK) return error_from_call(operation, status, err, options.report);
    return {};
}

Result<void> DnsClient::upsert_record(const DnsRecord& record, const CallOptions& options) {
    tp_dns_record r = to_tp(record);
    return invoke(fmt::format("{} upsert_record {}", plugin().id, record.name), options,
                  [&](const tp_call_ctx* call, tp_error* err) {
                      return table_->upsert_record(handle_, call, &r, err);
                  });
}

Result<void> DnsClient::delete_record(const DnsRecord& record, const CallOptions& options) {
    tp_dns_record r = to_tp(record);
    return invoke(fmt::format("{} delete_record {}", plugin().id, record.name), options,
                  [&](const tp_call_ctx* call, tp_error* err) {
                      return table_->delete_record(handle_, call, &r, err);
                  });
}

Result<std::vector<DnsRecord>> DnsClient::list_records(std::string_view name_suffix,
                                                       const CallOptions& options) {
    RecordCollector collector;
    tp_dns_sink sink{&collector, &RecordCollector::on_record};
    std::string op = fmt::format("{} list_records {}", plugin().id, name_suffix);
    auto ok = invoke(op, options, [&](const tp_call_ctx* call, tp_error* err) {
        return table_->list_records(handle_, call, to_tp(name_suffix), &sink, err);
    });
    if (!ok) return ok.error();
    if (!collector.problem.empty()) {
        return make_error(ErrorCode::internal, fmt::format("{}: {}", op, collector.problem));
    }
    return std::move(collector.records);
}

}  // namespace tidepool::plugins
