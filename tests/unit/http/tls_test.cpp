// HTTPS through Beast's ssl_stream with a certificate made at test time.
#include <doctest/doctest.h>

#include <boost/asio/ssl/host_name_verification.hpp>

#include "self_signed.h"
#include "test_server.h"

using namespace tidepool;
using namespace tidepool::http;
using namespace tidepool::http::test;
namespace ssl = boost::asio::ssl;

namespace {

Router tls_router() {
    Router router;
    router.add_sync("GET", "/api/v1/status", [](const Request& r) {
        return json_response(200, r.tls ? "{\"tls\":true}" : "{\"tls\":false}");
    });
    router.add("GET", "/api/v1/events", [](const Request&, Responder responder) {
        responder.start_events().send("tls", "ok");
    });
    return router;
}

struct TlsSetup {
    CertFiles files = write_self_signed_cert(make_temp_dir("tp-http-tls-"));
    ssl::context client{ssl::context::tls_client};

    TlsSetup() {
        client.add_certificate_authority(boost::asio::buffer(files.cert_pem));
        client.set_verify_mode(ssl::verify_peer);
        client.set_verify_callback(ssl::host_name_verification("127.0.0.1"));
    }
    ServerOptions options() const {
        ServerOptions o;
        o.tls = TlsFiles{files.cert_file, files.key_file};
        return o;
    }
};

}  // namespace

TEST_CASE("a TLS client with the server's certificate gets verified answers") {
    TlsSetup setup;
    TestServer server(tls_router(), setup.options());
    TestClient client(server.port(), setup.client);
    for (int i = 0; i < 2; ++i) {  // keep-alive over TLS too
        auto r = client.request("GET", "/api/v1/status");
        REQUIRE(r);
        CHECK(r->result_int() == 200);
        CHECK(r->body() == "{\"tls\":true}");
    }
}

TEST_CASE("event streams work over TLS") {
    TlsSetup setup;
    TestServer server(tls_router(), setup.options());
    TestClient client(server.port(), setup.client);
    client.send_raw("GET /api/v1/events HTTP/1.1\r\nHost: a\r\n\r\n");
    CHECK(client.read_until("event: tls\ndata: ok\n\n"));
}

TEST_CASE("a plaintext client on the TLS port is dropped and the server keeps serving") {
    TlsSetup setup;
    TestServer server(tls_router(), setup.options());
    {
        TestClient plain(server.port());
        plain.send_raw("GET /api/v1/status HTTP/1.1\r\nHost: a\r\n\r\n");
        CHECK(plain.wait_closed());
    }
    TestClient client(server.port(), setup.client);
    auto r = client.request("GET", "/api/v1/status");
    REQUIRE(r);
    CHECK(r->result_int() == 200);
}

TEST_CASE("start() names a missing certificate or key file") {
    TlsSetup setup;
    boost::asio::io_context ioc;
    ServerOptions o = setup.options();
    o.port = 0;
    o.tls->cert_file = "/nonexistent/cert.pem";
    HttpServer bad_cert(ioc, Router{}, o);
    auto r = bad_cert.start();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("/nonexistent/cert.pem") != std::string::npos);
    CHECK(r.error().field == "/tls/cert_file");

    o = setup.options();
    o.port = 0;
    o.tls->key_file = setup.files.cert_file;  // a certificate is not a key
    HttpServer bad_key(ioc, Router{}, o);
    auto k = bad_key.start();
    REQUIRE_FALSE(k.ok());
    CHECK(k.error().field == "/tls/key_file");
}
