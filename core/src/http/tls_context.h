// Builds the server's TLS context from PEM files, with errors that name the file at fault.
#pragma once

#include <memory>

#include <boost/asio/ssl/context.hpp>

#include "http/server.h"
#include "tidepool/result.h"

namespace tidepool::http {

// TLS 1.2+ only, server cipher preference, no compression or renegotiation. Checks that the
// key matches the certificate so a misconfiguration fails at start, not at the first client.
Result<std::shared_ptr<boost::asio::ssl::context>> make_tls_context(const TlsFiles& files);

}  // namespace tidepool::http
