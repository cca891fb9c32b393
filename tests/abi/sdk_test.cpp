// The C++17 plugin SDK: the exception barrier, config readers, tp_str helpers, sinks, host
// service wrappers (against a fake host) and the generated vm_provider table.
#include <doctest/doctest.h>

#include <cstring>
#include <stdexcept>
#include <vector>

#include <tidepool/sdk/sdk.hpp>

namespace sdk = tidepool::sdk;
using sdk::ProviderError;

namespace {

tp_error fresh() {
    tp_error e{};
    e.struct_size = sizeof e;
    return e;
}

}  // namespace

TEST_CASE("guard turns every exception into a status and a one-line message") {
    tp_error err = fresh();
    CHECK(sdk::guard(&err, [] {}) == TP_OK);
    CHECK(sdk::guard(&err, [] { return TP_ERR_NOT_FOUND; }) == TP_ERR_NOT_FOUND);
    CHECK(err.status == TP_ERR_NOT_FOUND);

    err = fresh();
    CHECK(sdk::guard(&err, [] {
              throw ProviderError(TP_ERR_CAPACITY, "quota\nexceeded", "/max", "QuotaExceeded",
                                  1500);
          }) == TP_ERR_CAPACITY);
    CHECK(err.status == TP_ERR_CAPACITY);
    CHECK(std::string(err.message) == "quota exceeded");
    CHECK(std::string(err.field) == "/max");
    CHECK(std::string(err.provider_code) == "QuotaExceeded");
    CHECK(err.retry_after_ms == 1500);

    err = fresh();
    CHECK(sdk::guard(&err, [] { throw std::runtime_error("boom"); }) == TP_ERR_INTERNAL);
    CHECK(std::string(err.message) == "boom");
    CHECK(sdk::guard(&err, [] { throw 42; }) == TP_ERR_INTERNAL);
    CHECK(std::string(err.message) == "unknown exception");
    CHECK(sdk::guard(nullptr, [] { throw std::runtime_error("no error record"); }) ==
          TP_ERR_INTERNAL);
    CHECK(sdk::guard(&err, [] { throw ProviderError(TP_OK, "misuse"); }) == TP_ERR_INTERNAL);

    err = fresh();
    std::string huge(5000, 'x');
    sdk::fail(&err, TP_ERR_DENIED, huge);
    CHECK(std::strlen(err.message) == sizeof err.message - 1);
}

TEST_CASE("ConfigReader: typed getters, defaults and JSON pointers of bad fields") {
    auto cfg = sdk::ConfigReader::parse(
        R"({"dir": "/x", "n": 5, "f": 1.5, "on": true, "list": ["a", "b"],
            "auth": {"key": 7}, "a/b": "slash"})");
    CHECK(cfg.get_string("dir") == "/x");
    CHECK(cfg.get_string("missing", "dflt") == "dflt");
    CHECK(cfg.get_int("n", 0, 0, 10) == 5);
    CHECK(cfg.get_number("f") == 1.5);
    CHECK(cfg.get_bool("on"));
    CHECK(cfg.get_string_list("list") == std::vector<std::string>{"a", "b"});
    CHECK(cfg.get_string("a/b") == "slash");
    CHECK(cfg.object("nothing").get_int("x", 3) == 3);

    auto field_of = [](auto&& fn) {
        try {
            fn();
        } catch (const ProviderError& e) {
            CHECK(e.status() == TP_ERR_INVALID_CONFIG);
            return e.field() + " | " + e.what();
        }
        return std::string("no error");
    };
    CHECK(field_of([&] { cfg.get_string("absent"); }) ==
          "/absent | config field /absent is required");
    CHECK(field_of([&] { cfg.get_string("n"); }) == "/n | config field /n must be a string");
    CHECK(field_of([&] { cfg.get_int("n", 0, 6); }) ==
          "/n | config field /n is 5, allowed 6 to ..");
    CHECK(field_of([&] { cfg.object("auth").get_string("key"); }) ==
          "/auth/key | config field /auth/key must be a string");
    CHECK(field_of([&] { cfg.get_int("a/b"); }) == "/a~1b | config field /a~1b must be an integer");
    CHECK(field_of([] { sdk::ConfigReader::parse("{oops"); }).find("not valid JSON") !=
          std::string::npos);
    CHECK(field_of([] { sdk::ConfigReader::parse("[1]"); }) == " | config must be an object");
}

TEST_CASE("tp_str and key/value helpers") {
    tp_str empty{nullptr, 0};
    CHECK(sdk::view(empty).empty());
    std::string text = "hello";
    CHECK(sdk::to_string(sdk::to_tp(text)) == "hello");
    sdk::KeyValues pairs{{"a", "1"}, {"b", "2"}};
    sdk::KvList list(pairs);
    CHECK(list.get().count == 2);
    CHECK(sdk::to_key_values(list.get()) == pairs);
    CHECK(sdk::KvList({}).get().items == nullptr);
    CHECK(sdk::matches_all(pairs, {{"b", "2"}}));
    CHECK_FALSE(sdk::matches_all(pairs, {{"b", "3"}}));
}

namespace {

// A fake host offering the three services, recording what the SDK sends.
struct FakeHost {
    std::vector<std::string> logs;
    std::string last_url;
    int32_t http_status = TP_OK;
    int32_t sleep_status = TP_OK;
    tp_log_svc log{sizeof(tp_log_svc), 0, this, [](void* c, int32_t, tp_str, tp_str m) {
                       static_cast<FakeHost*>(c)->logs.push_back(sdk::to_string(m));
                   }};
    tp_http_svc http{sizeof(tp_http_svc), 0, this, &send};
    tp_clock_svc clock{sizeof(tp_clock_svc), 0, this, [](void*) -> int64_t { return 1234; },
                       [](void* c, const tp_call_ctx*, int64_t) {
                           return static_cast<FakeHost*>(c)->sleep_status;
                       }};
    tp_host host{sizeof(tp_host), 1, 0, 0, "fake", "0", this, &get_service};

    static const void* get_service(const tp_host* h, const char* id) {
        auto* self = static_cast<FakeHost*>(h->host_data);
        if (std::strcmp(id, TP_SVC_LOG_ID) == 0) return &self->log;
        if (std::strcmp(id, TP_SVC_HTTP_ID) == 0) return &self->http;
        if (std::strcmp(id, TP_SVC_CLOCK_ID) == 0) return &self->clock;
        return nullptr;
    }
    static int32_t send(void* c, const tp_call_ctx*, const tp_http_request* req,
                        const tp_http_response_sink* sink, tp_error* err) {
        auto* self = static_cast<FakeHost*>(c);
        self->last_url = sdk::to_string(req->url);
        if (self->http_status != TP_OK) return tp_error_set(err, self->http_status, "refused");
        sink->on_status(sink->ctx, 404);
        sink->on_header(sink->ctx, tp_str_from_cstr("Content-Type"), tp_str_from_cstr("x/y"));
        sink->on_body(sink->ctx, tp_str_from_cstr("not "));
        sink->on_body(sink->ctx, tp_str_from_cstr("found"));
        return req->verify_tls ? TP_OK : TP_ERR_INTERNAL;
    }
};

}  // namespace

TEST_CASE("HostServices wraps the host's log, HTTP and clock services") {
    FakeHost fake;
    sdk::HostServices host(&fake.host);
    host.log(TP_LOG_INFO, "hello");
    CHECK(fake.logs == std::vector<std::string>{"hello"});
    CHECK(host.now_ms() == 1234);
    sdk::HttpRequest req;
    req.url = "https://api.example/v1";
    auto resp = host.http(req);
    CHECK(fake.last_url == "https://api.example/v1");
    CHECK(resp.status == 404);
    CHECK(resp.body == "not found");
    CHECK(resp.header("content-type") == "x/y");
    fake.http_status = TP_ERR_UNAVAILABLE;
    CHECK_THROWS_AS(host.http(req), ProviderError);
    fake.sleep_status = TP_ERR_CANCELLED;
    CHECK_THROWS_AS(host.sleep_ms(10), ProviderError);

    sdk::HostServices none(nullptr);
    none.log(TP_LOG_INFO, "dropped");
    CHECK(none.now_ms() > 0);
    CHECK_FALSE(none.has_http());
    CHECK_THROWS_AS(none.http(req), ProviderError);
    fake.log.struct_size = 8;  // shorter than the 1.0 table: the SDK must not call into it
    sdk::HostServices short_log(&fake.host);
    short_log.log(TP_LOG_INFO, "ignored");
    CHECK(fake.logs.size() == 1);
    CHECK(short_log.has_http());
}

namespace {

struct ToyClient {
    static std::unique_ptr<ToyClient> open(std::string_view config) {
        auto cfg = sdk::ConfigReader::parse(config);
        auto c = std::make_unique<ToyClient>();
        c->region = cfg.get_string("region");
        return c;
    }
    void create(const sdk::Call& call, const sdk::VmSpec& spec, const sdk::VmSink& sink) {
        sink.emit(sdk::VmRecord{TP_VM_STATE_PENDING, "i-1", spec.name, "10.0.0.1", "", "",
                                spec.tags, 7, std::string(call.request_id())});
    }
    void get(const sdk::Call&, std::string_view id, const sdk::VmSink&) {
        throw ProviderError(TP_ERR_NOT_FOUND, "no " + std::string(id));
    }
    void list(const sdk::Call&, const sdk::KeyValues&, const sdk::VmSink&) {
        throw std::logic_error("bug");
    }
    void remove(const sdk::Call&, std::string_view) {}
    std::string region;
};

struct ToyWithCredentials : ToyClient {
    static std::unique_ptr<ToyWithCredentials> open(std::string_view) {
        return std::make_unique<ToyWithCredentials>();
    }
    void credentials(const sdk::Call&, std::string_view, const sdk::CredentialSink& sink) {
        sink.emit("password", "Administrator", "s3cret");
    }
};

constexpr tp_vm_provider kToy = sdk::vm_provider_table<ToyClient>(TP_VM_CAP_PUBLIC_IP, "{}");
constexpr tp_vm_provider kToyCreds = sdk::vm_provider_table<ToyWithCredentials>(0, "{}");

const void* toy_interface(const char* id) {
    return std::strcmp(id, TP_VM_PROVIDER_ID) == 0 ? &kToy : nullptr;
}
constexpr tp_plugin_entry kToyEntry =
    sdk::make_entry("org.example.toy", "1.2.3", "toy", &toy_interface);

}  // namespace

TIDEPOOL_SDK_ENTRY(kToyEntry)

TEST_CASE("vm_provider_table calls the client through guarded C thunks") {
    CHECK(kToy.struct_size == sizeof(tp_vm_provider));
    CHECK(kToy.capabilities == TP_VM_CAP_PUBLIC_IP);
    CHECK((kToy.get_credentials == nullptr));
    CHECK((kToyCreds.get_credentials != nullptr));
    CHECK(kToyCreds.capabilities == TP_VM_CAP_CREDENTIALS);

    tp_error err = fresh();
    tp_vm_client client = nullptr;
    CHECK(kToy.open(tp_str_from_cstr("{}"), &client, &err) == TP_ERR_INVALID_CONFIG);
    CHECK(std::string(err.field) == "/region");
    REQUIRE(kToy.open(tp_str_from_cstr(R"({"region": "eu"})"), &client, &err) == TP_OK);

    std::vector<std::string> seen;
    tp_vm_sink sink{&seen, [](void* c, const tp_vm_info* vm) {
                        static_cast<std::vector<std::string>*>(c)->push_back(
                            sdk::to_string(vm->provider_id) + " " + sdk::to_string(vm->detail));
                    }};
    tp_kv tag{tp_str_from_cstr("k"), tp_str_from_cstr("v")};
    tp_vm_spec spec{sizeof(tp_vm_spec),       0,
                    tp_str_from_cstr("vm"),   tp_str_from_cstr("key"),
                    tp_kv_list{&tag, 1},      tp_str_from_cstr(""),
                    tp_str_from_cstr("linux")};
    tp_call_ctx call{sizeof(tp_call_ctx), 0, tp_str_from_cstr("req-9"), 0, nullptr, nullptr};
    CHECK(kToy.create_vm(client, &call, &spec, &sink, &err) == TP_OK);
    CHECK(seen == std::vector<std::string>{"i-1 req-9"});
    CHECK(kToy.get_vm(client, &call, tp_str_from_cstr("i-2"), &sink, &err) == TP_ERR_NOT_FOUND);
    CHECK(kToy.list_vms(client, &call, tp_kv_list{nullptr, 0}, &sink, &err) == TP_ERR_INTERNAL);
    CHECK(std::string(err.message) == "bug");
    spec.struct_size = 8;
    CHECK(kToy.create_vm(client, &call, &spec, &sink, &err) == TP_ERR_INTERNAL);
    CHECK(kToy.delete_vm(client, &call, tp_str_from_cstr("i-1"), &err) == TP_OK);
    kToy.close(client);
}

TEST_CASE("make_entry and TIDEPOOL_SDK_ENTRY produce the one exported entry") {
    const tp_plugin_entry* e = tidepool_entry_v1(TP_ABI_MINOR);
    REQUIRE(e == &kToyEntry);
    CHECK(e->struct_size == sizeof(tp_plugin_entry));
    CHECK(e->abi_major == TP_ABI_MAJOR);
    CHECK(e->min_host_abi_minor == 0);
    CHECK(std::string(e->id) == "org.example.toy");
    CHECK(e->get_interface(TP_VM_PROVIDER_ID) == &kToy);
    FakeHost fake;
    tp_error err = fresh();
    CHECK(e->init(&fake.host, &err) == TP_OK);
    sdk::host().log(TP_LOG_INFO, "via the global host");
    CHECK(fake.logs.back() == "via the global host");
    e->deinit();
    CHECK_FALSE(sdk::host().has_http());
}
