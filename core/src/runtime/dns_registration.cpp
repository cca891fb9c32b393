// DNS records for agents: `<machine id>.<base domain>` A records pointing at the machine's
// address, through the autoscale config's dns provider. Each change is journalled as an intent
// before the provider call and settled after, like VM actions, so a crash in between is finished
// by the next reconcile instead of leaving a stale record (DESIGN §4). Changes to one record
// name go out one at a time, oldest intent first: a removal issued while the registration is
// still on the wire must not overtake it and leave the record behind.
#include "runtime/runtime.h"

#include <cctype>

namespace tidepool::runtime {

namespace {

// Machine ids are lower-case letters, digits and dashes already; this keeps the label valid
// even if that ever changes.
std::string dns_label(const std::string& id) {
    std::string out;
    for (char c : id) {
        auto u = static_cast<unsigned char>(c);
        out += std::isalnum(u) ? static_cast<char>(std::tolower(u)) : '-';
    }
    return out;
}

}  // namespace

void Runtime::register_dns(const model::Server& server) {
    auto config = store_.get_autoscale_config(server.config_id);
    if (!config.ok() || !config->register_dns || config->dns_provider_id.empty() ||
        server.address.empty())
        return;
    model::JournalEntry entry;
    entry.op = model::JournalOp::dns_upsert;
    entry.config_id = config->id;
    entry.provider_config_id = config->dns_provider_id;
    entry.machine_id = server.id;
    entry.unique_name = dns_label(server.id) + "." + config->base_domain;  // the record name
    entry.idempotency_key = server.address;                                 // the record value
    entry.created_at = now();
    auto seq = store_.journal_intent(entry);
    if (!seq.ok()) {
        log("error", "cannot journal the DNS record of " + server.name + ": " +
                         seq.error().message);
        return;
    }
    entry.seq = seq.value();
    launch_dns(entry);
}

void Runtime::deregister_dns(const model::Server& server) {
    auto config = store_.get_autoscale_config(server.config_id);
    // No address: no record was ever registered for it (register_dns needs one).
    if (!config.ok() || !config->register_dns || config->dns_provider_id.empty() ||
        server.address.empty())
        return;
    model::JournalEntry entry;
    entry.op = model::JournalOp::dns_delete;
    entry.config_id = config->id;
    entry.provider_config_id = config->dns_provider_id;
    entry.machine_id = server.id;
    entry.unique_name = dns_label(server.id) + "." + config->base_domain;
    entry.idempotency_key = server.address;
    entry.created_at = now();
    auto seq = store_.journal_intent(entry);
    if (!seq.ok()) return;
    entry.seq = seq.value();
    launch_dns(entry);
}

void Runtime::launch_dns(const model::JournalEntry& entry) {
    if (dns_in_flight_.count(entry.seq)) return;
    // Another change of this record is on the wire: this one follows when it is answered.
    if (!dns_busy_names_.insert(entry.unique_name).second) return;
    dns_in_flight_.insert(entry.seq);
    DnsRecord record{entry.unique_name, "A", entry.idempotency_key, 60};
    bool upsert = entry.op == model::JournalOp::dns_upsert;
    auto call = call_options(options_.provider_call_timeout);
    offload([this, upsert, record, call, dns = entry.provider_config_id]() -> Result<void> {
                return upsert ? providers_.upsert_dns(dns, record, call)
                              : providers_.delete_dns(dns, record, call);
            },
            [this, seq = entry.seq, name = record.name, upsert](Result<void> result) {
                dns_in_flight_.erase(seq);
                dns_busy_names_.erase(name);
                if (finish_dns(seq, name, upsert, result)) launch_next_dns(name);
            });
}

// Settles or fails the intent; false when it stays an intent (a transient failure), so the
// record's later changes wait for the next reconcile instead of overtaking it.
bool Runtime::finish_dns(std::int64_t seq, const std::string& name, bool upsert,
                         const Result<void>& result) {
    if (result.ok()) {
        (void)store_.journal_settle(seq, name, now());
        log("info", std::string(upsert ? "registered " : "removed ") + "DNS " + name);
        return true;
    }
    const ErrorCode code = result.error().code;
    if (code == ErrorCode::unavailable || code == ErrorCode::timeout ||
        code == ErrorCode::cancelled)
        return false;
    (void)store_.journal_fail(seq, result.error().message, now());
    log("warn", "DNS " + name + ": " + result.error().message);
    return true;
}

void Runtime::launch_next_dns(const std::string& name) {
    if (stopping_) return;
    auto journal = store_.list_journal({model::JournalState::intent});
    if (!journal.ok()) return;
    for (const auto& entry : journal.value()) {
        bool dns = entry.op == model::JournalOp::dns_upsert ||
                   entry.op == model::JournalOp::dns_delete;
        if (dns && entry.unique_name == name) return launch_dns(entry);  // the oldest
    }
}

// Settles every DNS intent a crash or an outage left behind, oldest first, so a delete that
// follows an upsert of the same name is applied after it.
void Runtime::reconcile_dns() {
    auto journal = store_.list_journal({model::JournalState::intent});
    if (!journal.ok()) return;
    for (const auto& entry : journal.value()) {
        if (entry.op == model::JournalOp::dns_upsert || entry.op == model::JournalOp::dns_delete) {
            launch_dns(entry);
        }
    }
}

}  // namespace tidepool::runtime
