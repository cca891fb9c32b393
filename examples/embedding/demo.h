// The example's story, driven by engine events: three users ask a pool that can hold only two
// sessions at a time. All three wait in the queue with an ETA while machines boot; two are
// placed (each with how to connect); when alice logs off, carol gets her machine; bob's machine
// is drained, bob logs off and the machine is removed; then carol logs off and the demo ends.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>

#include <tidepool/engine.h>

class Demo {
public:
    Demo(boost::asio::io_context& io, tidepool::Engine& engine);

    // Applies the bundle, subscribes and requests the three sessions. False (with a message
    // on stderr) when the engine refused any of it.
    bool start(const std::string& bundle_json, std::chrono::seconds timeout);
    // 0 once every expected event arrived; non-zero (and what is missing) on timeout or error.
    int exit_code() const { return exit_code_; }

private:
    void on_event(const tidepool::EngineEvent& e);
    void on_queued(const tidepool::EngineEvent& e);
    void on_placed(const tidepool::EngineEvent& e);
    void on_removed(const tidepool::EngineEvent& e);
    void end(const std::string& user);
    void finish(int code, const std::string& message);
    std::string user_of(const std::string& session) const;

    boost::asio::io_context& io_;
    tidepool::Engine& engine_;
    boost::asio::steady_timer deadline_;
    tidepool::Subscription subscription_;
    std::map<std::string, std::string> session_of_;  // user → session id
    std::map<std::string, std::string> machine_of_;  // user → machine, once placed
    std::set<std::string> queued_, placed_;          // users seen queued / placed
    std::string drained_machine_;
    bool machine_removed_ = false;
    int exit_code_ = 1;
    bool finished_ = false;
};
