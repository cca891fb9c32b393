// The runtime: one control strand that owns every state change (reconcile ticks, session
// requests, check-ins), and a bounded worker pool for blocking provider calls. Data flows one
// way: store → planner (pure) → plan → journal → worker → provider, and back as observations
// (DESIGN §1, §4).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "connect/descriptor.h"
#include "connect/key_material.h"
#include "metrics/histogram.h"
#include "model/accounts.h"
#include "model/machines.h"
#include "placement/agent_index.h"
#include "placement/queue_eta.h"
#include "planner/plan.h"
#include "runtime/events.h"
#include "runtime/options.h"
#include "runtime/placement_cache.h"
#include "runtime/snapshot_builder.h"
#include "schedule/types.h"
#include "runtime/provider_gateway.h"
#include "runtime/request_scope.h"
#include "runtime/service_tokens.h"
#include "store/store.h"

namespace tidepool::runtime {

struct SessionRequest {
    model::Id pool_id;
    std::string user;
    model::SessionKind kind = model::SessionKind::desktop;
    int priority = 0;
    // Agent pools: a staged session of this workspace is taken first (placed at once).
    std::string workspace{};  // {}: positional {pool, user, kind, priority} stays warning-free
    // Agent pools: what the session holds on its agent. All 0: the workspace's staging config
    // says (session_size.h). Server pools count sessions: these must stay 0.
    double cores{}, gpus{}, memory_gib{};
};

// A session as callers see it: the stored row plus where it stands in the queue.
struct SessionView {
    model::Session session;
    int queue_position = 0;  // 1-based while queued, 0 otherwise
    int eta_s = -1;          // estimated wait while queued; -1 when unknown
};

// An account the in-guest desktop service must create (password set) or remove.
struct GuestAccount {
    model::Id session_id;
    std::string username;
    std::string password;  // only when create
    bool create = true;
};

struct ReconcileCounts {
    std::int64_t adopted = 0;
    std::int64_t orphans_deleted = 0;
    std::int64_t intents_finished = 0;
    std::int64_t intents_rolled_back = 0;
    std::int64_t vanished = 0;
    model::Instant last_run{};
};

class Runtime {
public:
    Runtime(boost::asio::io_context& io, RuntimeOptions options, store::Store& store,
            ProviderGateway& providers);
    ~Runtime();
    Runtime(const Runtime&) = delete;
    Runtime& operator=(const Runtime&) = delete;

    // Reconciles with every provider, then ticks every options.tick until stop().
    void start();
    void stop();

    // Runs fn on the control strand, under the caller's request id (request_scope.h). Every
    // method below marked [strand] must run there.
    void post(std::function<void()> fn);
    // Group commit for what a caller is told is done (durable_requests.cpp): runs work on the
    // strand inside one store transaction shared with every durable work queued meanwhile
    // (a work that fails rolls back alone), then done(result) on the strand once that
    // transaction is on disk. A work may run twice (when another in its batch fails after
    // writing, the batch runs again with a savepoint each): keep its effects to the store and
    // to the events it publishes, which are undone. result is the work's own error, else the
    // commit's, else ok. Events the work publishes go out only after the commit, so nobody
    // hears of a session the store could still lose. While one batch syncs the next gathers,
    // so throughput grows with load at one sync of latency. [any thread]
    using DurableWork = std::function<Result<void>()>;
    using DurableDone = std::function<void(const Result<void>&)>;
    void post_durable(DurableWork work, DurableDone done);
    struct DurableStats {
        std::uint64_t works = 0;    // durable works committed or failed so far
        std::uint64_t batches = 0;  // transactions they shared
        std::uint64_t reruns = 0;   // batches run again because a work failed after writing
    };
    DurableStats durable_stats() const;

    // Provider calls started and not yet answered on the strand (tests wait for 0).
    int in_flight() const { return in_flight_.load(); }

    // Sessions. [strand]
    Result<SessionView> request_session(const SessionRequest& request);
    Result<SessionView> get_session(const model::Id& id);
    Result<std::vector<SessionView>> list_sessions(const store::SessionFilter& filter);
    Result<void> release_session(const model::Id& id);

    // A server reporting in with its single-use check-in token. [strand]
    Result<model::Server> check_in(const std::string& token, const std::string& status,
                                   const std::string& address);

    // Drain: no new sessions; removed once empty. Undrain reverses it. [strand]
    Result<model::Server> set_draining(const model::Id& server_id, bool draining);

    // What the planner sees of a pool right now (for `tidepool snapshot`). [strand]
    Result<planner::PoolSnapshot> snapshot(const model::Id& pool_id);

    // One evaluation of every pool now (tests and the API's "reconcile now"). [strand]
    void tick();
    // Lists every provider by tag and settles what the journal and the store say. [strand]
    void reconcile();

    // Thread-safe: /metrics and /api/v1/status may read it from any thread.
    ReconcileCounts reconcile_counts() const;
    // Whether a reconciliation pass has heard back from every VM provider (listed or failed)
    // since start: until then the store may hold intents the providers already settled, so
    // the daemon is not ready (/readyz). Thread-safe.
    bool reconciled_once() const { return reconciled_once_.load(); }
    // Every session and machine transition, published on the strand (see events.h).
    EventBus& events() { return events_; }
    // How long each tick (plan and act on every pool) took, for /metrics. Thread-safe.
    metrics::Histogram::Snapshot tick_durations() const { return tick_seconds_.snapshot(); }
    // The URL machines reach the API on; known only once the listener is bound.
    void set_api_url(std::string url) { options_.api_url = std::move(url); }
    model::Instant now() const;
    const std::string& installation_id() const { return installation_id_; }
    const ServiceTokens& service_tokens() const { return service_tokens_; }
    // The config's connection settings with their secrets unsealed (connections.cpp).
    Result<model::ConnectionSettings> clear_connection(const model::AutoScaleConfig& config) const;
    const secrets::Sealer* sealer() const { return options_.sealer; }

    // Connections (session_connections.cpp, session_descriptor.cpp). [strand]
    // How to connect to a placed session's machine; credentials only when asked for.
    Result<connect::ConnectionDescriptor> connection_for(const model::Id& session_id,
                                                         bool with_credentials);
    // The in-guest service's view: accounts to create or remove on server_id, and its report.
    Result<std::vector<GuestAccount>> guest_accounts(const model::Id& server_id);
    Result<void> report_guest_account(const model::Id& server_id, const model::Id& session_id,
                                      bool created);
    // Stores a user's SSH key (already checked and re-encoded), sealed.
    Result<model::UserSshKey> put_user_key(const std::string& user,
                                           const connect::KeyMaterial& key);
    store::Store& store() { return store_; }

private:
    // Runs work() on the worker pool (it may block on a provider), then then(result) back on
    // the strand. The one way the runtime calls a provider.
    // Both halves run under the request id of the work that offloaded (request_scope.h).
    template <class Work, class Then>
    void offload(Work work, Then then) {
        ++in_flight_;
        boost::asio::post(workers_, [this, work = std::move(work), then = std::move(then),
                                     request_id = current_request_id()]() mutable {
            RequestScope scope(request_id);
            auto result = work();
            post([this, then = std::move(then), result = std::move(result)]() mutable {
                then(std::move(result));
                --in_flight_;
            });
        });
    }
    void schedule_tick();
    void plan_pool(const model::Pool& pool);
    void place_queued(const model::Pool& pool);
    void expire_queued(const model::Pool& pool);
    void watch_starting(const model::Pool& pool);
    void remove_drained(const model::Pool& pool);
    void watch_one_starting(model::Server server);
    void retire_failed(model::Server server);
    void fail_after_boot(model::Server server, const std::string& why);
    void mark_running(model::Server server);
    bool config_active(const model::AutoScaleConfig& config);
    ConfigFacts facts_for(const model::AutoScaleConfig& config);
    // The provider answered capacity/quota for this config recently: the planner skips it.
    bool capacity_blocked(const model::Id& config_id) const;
    Result<PoolInputs> inputs_of(const model::Pool& pool);
    Result<void> load_arrivals(PoolInputs& in);
    // Whether the pool's plan, made without this machine, would order one from its config:
    // an interrupted create is finished only then, and rolled back otherwise.
    bool plan_still_wants(const model::Server& server);
    void record_decision(const model::Id& pool_id, const planner::Plan& plan);

    // Provisioning (provisioner.cpp).
    void order_servers(const model::AutoScaleConfig& config, int count);
    void remove_server(const model::Server& server, const std::string& why);
    void block_config_after_failure(const model::Id& config_id, const Error& error);
    void finish_create(std::int64_t seq, const model::Id& server_id, Result<VmRecord> result);
    void finish_delete(std::int64_t seq, const model::Id& server_id, Result<void> result);
    void launch_create(const model::AutoScaleConfig& config, const model::Server& server,
                       const model::JournalEntry& entry, const std::string& token);
    Result<std::string> render_startup(const model::AutoScaleConfig& config,
                                       const model::Server& server, const std::string& token);
    void launch_delete(const model::Id& provider_config_id, const model::Server& server,
                       std::int64_t seq);

    // Reconciliation (reconciler.cpp).
    // Machines of a provider config that had a provider id when its listing was requested:
    // only these can have vanished from that listing (a create that finishes while the list
    // call is on the wire made a VM the listing cannot show).
    using KnownVms = std::map<model::Id, std::string>;  // machine id → provider id
    KnownVms known_vms(const model::Id& provider_config_id);
    void reconcile_provider(const model::Id& provider_config_id, std::vector<VmRecord> vms,
                            const KnownVms& known_before);
    void settle_known_vm(const model::Server& server, const VmRecord& vm);
    void reconcile_create_intent(const model::JournalEntry& entry,
                                 const Result<model::Server>& server, const VmRecord* vm);
    void retry_create(const model::JournalEntry& entry, const model::Server& server);
    // Labels as /metrics spells them (tidepool_reconcile_machines_total{outcome=...}).
    enum class Outcome { adopted, orphan_deleted, intent_finished, intent_rolled_back, vanished };
    // Counts one reconcile outcome and logs it as "reconcile: <outcome> <what>", so the log,
    // /metrics and `tidepool status` can be checked against each other.
    void count_outcome(Outcome outcome, const std::string& what);
    void roll_back_create(const model::JournalEntry& entry, const model::Server& server);
    void adopt_or_delete(const model::Id& provider_config_id, const std::vector<VmRecord>& vms,
                         const std::set<model::Id>& pending, const KnownVms& known_before);
    void delete_orphan_after_grace(const model::Id& provider_config_id, const VmRecord& vm);
    void mark_vanished(const model::Id& provider_config_id, const std::set<std::string>& listed,
                       const KnownVms& known_before);
    void end_sessions_on(const model::Id& server_id, const std::string& why);

    // Sessions (sessions.cpp).
    Result<bool> try_place(model::Session& session, const model::Pool& pool);
    Result<bool> try_place_on_agent(model::Session& session, const model::Pool& pool);
    Result<bool> try_place_on_agent(model::Session& session, const model::Pool& pool,
                                     const AgentTerms& terms);
    Result<AgentTerms> agent_terms(const model::Pool& pool);
    // Every server and session row the runtime writes goes through these, so the placement
    // cache follows the store (placement_cache.h).
    Result<void> save_server(const model::Server& server);
    Result<void> save_session(const model::Session& session);
    // Staged sessions (staging_runtime.cpp).
    void apply_staging(const PoolInputs& in);
    void end_staged(const model::Id& session_id, const std::vector<model::Session>& sessions,
                    const std::string& why);
    Result<SessionView> place_or_queue(model::Session& session, const model::Pool& pool,
                                       const Result<bool>& placed);
    Result<SessionView> request_on_agents(const SessionRequest& request, const model::Pool& pool,
                                          model::Session& session);
    std::vector<placement::Amounts> agent_shapes(const model::Pool& pool,
                                                 const AgentTerms& terms);
    // The usable staged session of `workspace` holding at least `need`, if any.
    Result<std::optional<model::Id>> staged_for(const model::Pool& pool,
                                                const std::string& workspace,
                                                const placement::Amounts& need,
                                                const AgentTerms& terms,
                                                const std::vector<model::StagingConfig>& staging);
    // A new request takes the staged row itself (it becomes the request's session).
    Result<model::Session> take_staged(const model::Id& staged_id, const SessionRequest& request);
    bool pool_can_grow(const model::Pool& pool);
    // Active, and its provider config's max_instances leaves room for another machine.
    bool config_can_order(const model::AutoScaleConfig& config);
    // The on-demand queue: positions, ETAs and session_eta events (session_queue.cpp).
    SessionView view_of(const model::Session& session);
    std::vector<SessionView> queue_views(const model::Pool& pool);
    placement::NextMachine next_machine(const model::Pool& pool, const model::Session& head);
    double boot_seconds_of(const model::Id& config_id) const;
    void announce_queue(const model::Pool& pool);

    // Provider-generated machine passwords (machine_credentials.cpp).
    void fetch_machine_password(const model::Server& server);
    void retry_machine_passwords();
    // Agent DNS records (dns_registration.cpp): journalled like VM actions.
    void register_dns(const model::Server& server);
    void deregister_dns(const model::Server& server);
    void launch_dns(const model::JournalEntry& entry);
    bool finish_dns(std::int64_t seq, const std::string& name, bool upsert,
                    const Result<void>& result);
    void launch_next_dns(const std::string& name);
    void reconcile_dns();

    // Group commit (durable_requests.cpp).
    void commit_durable_batch();
    struct DurableRequest {
        DurableWork work;
        DurableDone done;
        std::string request_id;
    };
    bool run_durable_pass(std::vector<DurableRequest>& batch, std::vector<Result<void>>& results,
                          std::vector<Event>& held, bool savepoints);
    void finish_durable_batch(std::vector<DurableRequest>& batch,
                              std::vector<Result<void>>& results, std::vector<Event>& held,
                              const Result<void>& committed);

    // Event publication (runtime_events.cpp).
    // Publishes, or holds the event until the open durable batch commits.
    void emit(Event event);
    void publish_session(EventKind kind, const model::Session& session,
                         std::string message = {});
    void publish_view(EventKind kind, const SessionView& view, std::string message = {});
    void publish_machine(EventKind kind, const model::Server& server, std::string message = {});
    void publish_decision(const model::Id& pool_id, std::string reason);

    // Connections (session_connections.cpp, session_descriptor.cpp).
    void watch_session_connections();
    void prepare_connection(const model::Id& session_id, const model::Id& server_id);
    void close_connection(const model::Id& session_id);
    Result<connect::SessionInputs> session_inputs(const model::Session& session,
                                                  const model::AutoScaleConfig& config);
    std::string seal(const std::string& value, const std::string& context) const;
    Result<std::string> unseal(const std::string& value, const std::string& context) const;

    CallOptions call_options(std::chrono::seconds timeout) const;
    Tags tags_for(const model::AutoScaleConfig& config, const model::Server& server) const;
    void log(const std::string& level, const std::string& message);

    boost::asio::strand<boost::asio::io_context::executor_type> strand_;
    boost::asio::thread_pool workers_;
    boost::asio::steady_timer timer_;
    RuntimeOptions options_;
    store::Store& store_;
    ProviderGateway& providers_;
    PlacementCache placements_{store_};
    EventBus events_;
    Subscription connection_events_;  // after events_: unsubscribed before it dies
    std::string installation_id_;
    ServiceTokens service_tokens_;
    // Written on the strand, read from any thread (reconcile_counts()).
    struct ReconcileTally {
        std::atomic<std::int64_t> adopted{0}, orphans_deleted{0}, intents_finished{0},
            intents_rolled_back{0}, vanished{0};
        std::atomic<model::Instant> last_run{};
    };
    ReconcileTally counts_;
    // 1 ms to ~4 s in ×2 steps: a tick over a second means pools are planned late.
    metrics::Histogram tick_seconds_{metrics::Histogram::exponential_bounds(0.001, 2, 13)};
    std::set<model::Id> busy_machines_;  // a provider call is in flight for these
    // Configs the planner must skip (spill over) until then: capacity errors and failure backoff.
    std::map<model::Id, model::Instant> capacity_blocked_until_;
    std::map<model::Id, int> failed_creates_;  // consecutive failed creates per config
    std::map<model::Id, double> boot_seconds_;  // observed boot time per config (for ETAs)
    struct Announced {  // what the last session_queued/session_eta event said
        int position = 0;
        model::Instant ready_at{};
    };
    std::map<model::Id, std::map<model::Id, Announced>> announced_;  // pool → session →
    std::map<std::string, model::Instant> orphan_first_seen_;  // provider id → first seen
    std::map<model::Id, model::Instant> password_retry_at_;  // servers whose password is not ready
    std::set<std::int64_t> dns_in_flight_;                    // journal seqs being applied
    std::set<std::string> dns_busy_names_;                    // records with a change in flight
    struct CachedActivity {
        std::string source;  // the schedule JSON the spec was parsed from
        std::optional<schedule::ActivitySpec> spec;
    };
    std::map<model::Id, CachedActivity> activity_cache_;
    std::map<model::Id, std::string> last_decision_;  // pool → reasons last stored
    std::mutex durable_mu_;  // guards the two below
    std::vector<DurableRequest> durable_queue_;
    bool durable_posted_ = false;  // a commit_durable_batch() is on its way to the strand
    std::atomic<std::uint64_t> durable_works_{0}, durable_batches_{0}, durable_reruns_{0};
    std::vector<Event>* held_events_ = nullptr;  // [strand] set while a durable batch runs
    std::atomic<bool> stopping_{false};
    Cancellation stop_signal_;  // shared by every provider call's CallOptions
    std::atomic<int> in_flight_{0};
    int listings_pending_ = 0;  // reconcile() provider listings not yet answered [strand]
    std::atomic<bool> reconciled_once_{false};
    int ticks_ = 0;
};

}  // namespace tidepool::runtime
