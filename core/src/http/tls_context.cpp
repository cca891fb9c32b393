#include "http/tls_context.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

namespace tidepool::http {
namespace {

namespace ssl = boost::asio::ssl;

Error tls_error(const std::string& what, const std::string& file) {
    unsigned long code = ERR_get_error();
    char text[256] = "unknown error";
    if (code != 0) ERR_error_string_n(code, text, sizeof text);
    ERR_clear_error();
    return make_error(ErrorCode::invalid, what + " " + file + ": " + text,
                      what.find("key") != std::string::npos ? "/tls/key_file" : "/tls/cert_file");
}

}  // namespace

Result<std::shared_ptr<ssl::context>> make_tls_context(const TlsFiles& files) {
    auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
    ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                     ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                     ssl::context::no_tlsv1_1 | ssl::context::no_compression);
    SSL_CTX* native = ctx->native_handle();
    SSL_CTX_set_options(native, SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_RENEGOTIATION);
    ERR_clear_error();
    if (SSL_CTX_use_certificate_chain_file(native, files.cert_file.c_str()) != 1)
        return tls_error("cannot load TLS certificate", files.cert_file);
    if (SSL_CTX_use_PrivateKey_file(native, files.key_file.c_str(), SSL_FILETYPE_PEM) != 1)
        return tls_error("cannot load TLS private key", files.key_file);
    if (SSL_CTX_check_private_key(native) != 1)
        return tls_error("TLS private key does not match the certificate in", files.cert_file);
    return ctx;
}

}  // namespace tidepool::http
