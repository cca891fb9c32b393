// A one-connection-at-a-time HTTP/1.1 test server on 127.0.0.1: answers each request with a
// canned response, or holds it open until stopped (to test cancellation and deadlines).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>

namespace tidepool::test {

class HttpServer {
public:
    // response: the raw bytes to send back; empty means "never answer".
    explicit HttpServer(std::string response) : response_(std::move(response)) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        socklen_t len = sizeof addr;
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
        port_ = ntohs(addr.sin_port);
        ::listen(fd_, 8);
        thread_ = std::thread([this] { serve(); });
    }
    ~HttpServer() {
        stop_ = true;
        thread_.join();
        ::close(fd_);
    }
    std::string url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(port_) + path;
    }
    // The last request received, headers and body as read.
    std::string last_request() const {
        std::lock_guard lock(mutex_);
        return last_request_;
    }

private:
    bool wait_readable(int fd) const {
        pollfd p{fd, POLLIN, 0};
        while (!stop_) {
            if (::poll(&p, 1, 20) > 0) return true;
        }
        return false;
    }
    void serve() {
        while (wait_readable(fd_)) {
            int client = ::accept(fd_, nullptr, nullptr);
            std::string request;
            char buf[4096];
            while (request.find("\r\n\r\n") == std::string::npos && wait_readable(client)) {
                ssize_t n = ::read(client, buf, sizeof buf);
                if (n <= 0) break;
                request.append(buf, static_cast<size_t>(n));
            }
            // Give a short body time to follow the headers.
            pollfd p{client, POLLIN, 0};
            while (::poll(&p, 1, 50) > 0) {
                ssize_t n = ::read(client, buf, sizeof buf);
                if (n <= 0) break;
                request.append(buf, static_cast<size_t>(n));
            }
            {
                std::lock_guard lock(mutex_);
                last_request_ = request;
            }
            if (response_.empty()) {
                while (!stop_) std::this_thread::sleep_for(std::chrono::milliseconds(5));
            } else {
                (void)!::write(client, response_.data(), response_.size());
            }
            ::close(client);
        }
    }

    std::string response_;
    int fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    mutable std::mutex mutex_;
    std::string last_request_;
    std::thread thread_;
};

}  // namespace tidepool::test
