// The plain-HTTP connection; the template is instantiated here (and for TLS in its own file)
// so Beast's heavy templates compile once per stream type, in parallel.
#include "http/connection.h"

namespace tidepool::http::detail {

template class Connection<PlainStream>;

void start_plain_connection(net::ip::tcp::socket socket, std::shared_ptr<ServerShared> shared,
                            bool reject) {
    std::make_shared<Connection<PlainStream>>(std::move(socket), std::move(shared), reject)
        ->start();
}

}  // namespace tidepool::http::detail
