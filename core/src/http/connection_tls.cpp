// The HTTPS connection (Beast's ssl_stream over OpenSSL); see connection_plain.cpp.
#include "http/connection.h"

namespace tidepool::http::detail {

template class Connection<TlsStream>;

void start_tls_connection(net::ip::tcp::socket socket, std::shared_ptr<ServerShared> shared,
                          bool reject) {
    std::make_shared<Connection<TlsStream>>(std::move(socket), std::move(shared), reject)->start();
}

}  // namespace tidepool::http::detail
