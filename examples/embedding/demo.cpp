#include "demo.h"

#include <iostream>

using tidepool::EngineEvent;
using tidepool::EngineEventKind;

namespace {

const char* const kUsers[] = {"alice", "bob", "carol"};

std::string describe(const tidepool::Connection& c) {
    std::string out = std::string(tidepool::to_string(c.type)) + "://" + c.address + ":" +
                      std::to_string(c.port);
    if (c.credentials) out += " as " + c.credentials->username;  // never print the password
    if (!c.info_json.empty()) out += " info " + c.info_json;
    return out;
}

}  // namespace

Demo::Demo(boost::asio::io_context& io, tidepool::Engine& engine)
    : io_(io), engine_(engine), deadline_(io) {}

bool Demo::start(const std::string& bundle_json, std::chrono::seconds timeout) {
    auto applied = engine_.apply_config(bundle_json);
    if (!applied.ok()) {
        std::cerr << "bundle refused: " << applied.error().field << ": "
                  << applied.error().message << "\n";
        return false;
    }
    // Subscribed before the first request, so no event of ours can be missed.
    subscription_ = engine_.subscribe([this](const EngineEvent& e) { on_event(e); });
    for (const char* user : kUsers) {
        auto s = engine_.request_session({"desktops", user, tidepool::SessionKind::desktop, 0});
        if (!s.ok()) {
            std::cerr << "request for " << user << " refused: " << s.error().message << "\n";
            return false;
        }
        session_of_[user] = s->id;
        std::cout << "requested " << user << ": " << tidepool::to_string(s->state) << "\n";
    }
    deadline_.expires_after(timeout);
    deadline_.async_wait([this, timeout](const boost::system::error_code& ec) {
        if (ec) return;
        finish(2, "timed out after " + std::to_string(timeout.count()) + " s: queued " +
                      std::to_string(queued_.size()) + "/3, placed " +
                      std::to_string(placed_.size()) + "/3, drained machine removed: " +
                      (machine_removed_ ? "yes" : "no"));
    });
    return true;
}

std::string Demo::user_of(const std::string& session) const {
    for (const auto& [user, id] : session_of_)
        if (id == session) return user;
    return {};
}

void Demo::on_event(const EngineEvent& e) {
    if (finished_) return;
    switch (e.kind) {
        case EngineEventKind::session_queued: on_queued(e); break;
        case EngineEventKind::session_placed: on_placed(e); break;
        case EngineEventKind::machine_removed: on_removed(e); break;
        case EngineEventKind::session_failed:
            if (!user_of(e.session).empty()) finish(1, "session failed: " + e.message);
            break;
        default:
            if (e.kind != EngineEventKind::decision)
                std::cout << "  event " << tidepool::to_string(e.kind) << " " << e.machine
                          << "\n";
    }
}

void Demo::on_queued(const EngineEvent& e) {
    auto user = user_of(e.session);
    if (user.empty()) return;
    queued_.insert(user);
    std::cout << "queued " << user << ": position " << e.position << ", ETA " << e.eta_s
              << " s\n";
}

void Demo::on_placed(const EngineEvent& e) {
    auto user = user_of(e.session);
    if (user.empty()) return;
    if (!e.connection) return finish(1, "placement of " + user + " came without a connection");
    placed_.insert(user);
    machine_of_[user] = e.machine;
    std::cout << "placed " << user << " on " << e.machine << ": " << describe(*e.connection)
              << "\n";
    if (placed_.size() == 2 && !placed_.count("carol")) {
        // Two machines, one session each: carol must still be waiting.
        auto carol = engine_.session(session_of_["carol"]);
        if (!carol.ok() || carol->state != tidepool::SessionState::queued)
            return finish(1, "carol should still be queued while the pool is full");
        std::cout << "pool full: carol waits at position " << carol->queue_position << "\n";
        end("alice");
    } else if (user == "carol") {
        drained_machine_ = machine_of_["bob"];
        if (auto r = engine_.drain(drained_machine_); !r.ok())
            return finish(1, "drain refused: " + r.error().message);
        std::cout << "draining " << drained_machine_ << "\n";
        end("bob");
    }
}

void Demo::on_removed(const EngineEvent& e) {
    std::cout << "removed " << e.machine << " (" << e.message << ")\n";
    if (e.machine != drained_machine_ || drained_machine_.empty()) return;
    machine_removed_ = true;
    end("carol");
    finish(queued_.size() == 3 && placed_.size() == 3 ? 0 : 1,
           "queued 3/3 with an ETA, placed " + std::to_string(placed_.size()) +
               "/3 with a connection, drained machine removed");
}

void Demo::end(const std::string& user) {
    if (auto r = engine_.end_session(session_of_[user]); !r.ok())
        return finish(1, "ending " + user + "'s session failed: " + r.error().message);
    std::cout << user << " logged off\n";
}

void Demo::finish(int code, const std::string& message) {
    if (finished_) return;
    finished_ = true;
    exit_code_ = code;
    (code == 0 ? std::cout : std::cerr) << (code == 0 ? "done: " : "FAILED: ") << message
                                        << "\n";
    deadline_.cancel();
    subscription_.reset();  // from inside a handler: allowed
    io_.stop();
}
