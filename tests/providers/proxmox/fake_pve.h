// Runs fake_pve.py (the spec-validating fake Proxmox endpoint) for one test and talks to its
// control interface. The fake makes its own self-signed certificate; tests get its host:port,
// the certificate file (to trust as a CA) and its recorded state.
#pragma once

#include <curl/curl.h>
#include <doctest/doctest.h>
#include <rapidjson/document.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

extern char** environ;

namespace tidepool::test {

namespace fs = std::filesystem;

inline constexpr const char* kTokenUser = "tidepool@pve!autoscale";
inline constexpr const char* kTokenSecret = "5e3a1b7c-9d2f-4c8e-a6b0-7f1d2e3c4b5a";

struct HttpAnswer {
    long status = 0;
    std::string body;
};

class FakePve {
public:
    FakePve() {
        std::string pattern = (fs::temp_directory_path() / "tp-pve-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        dir_ = pattern;
        std::string script =
            std::string(TIDEPOOL_SOURCE_DIR) + "/tests/providers/proxmox/fake_pve.py";
        std::string spec = std::string(TIDEPOOL_SHARED_DIR) + "/specs/proxmox/apidata.json";
        std::string token = std::string(kTokenUser) + "=" + kTokenSecret;
        std::string workdir = dir_.string();
        const char* argv[] = {"python3",    script.c_str(), "--spec",
                              spec.c_str(), "--workdir",    workdir.c_str(),
                              "--token",    token.c_str(),  nullptr};
        REQUIRE(::posix_spawnp(&pid_, "python3", nullptr, nullptr, const_cast<char**>(argv),
                               environ) == 0);
        wait_for_port();
    }
    ~FakePve() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            ::waitpid(pid_, nullptr, 0);
        }
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    FakePve(const FakePve&) = delete;
    FakePve& operator=(const FakePve&) = delete;

    std::string host() const { return "127.0.0.1:" + std::to_string(port_); }
    std::string ca_file() const { return (dir_ / "cert.pem").string(); }

    // One HTTPS request to the fake, trusting its certificate.
    HttpAnswer request(const std::string& method, const std::string& path,
                       const std::string& body = "", const std::string& auth = "") const {
        HttpAnswer answer;
        CURL* h = curl_easy_init();
        std::string url = "https://" + host() + path;
        curl_slist* headers = nullptr;
        if (!auth.empty()) headers = curl_slist_append(headers, ("Authorization: " + auth).c_str());
        headers = curl_slist_append(headers, "Content-Type: application/x-www-form-urlencoded");
        curl_easy_setopt(h, CURLOPT_URL, url.c_str());
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
        curl_easy_setopt(h, CURLOPT_CAINFO, ca_file().c_str());
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
        if (!body.empty()) curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &collect);
        curl_easy_setopt(h, CURLOPT_WRITEDATA, &answer.body);
        REQUIRE(curl_easy_perform(h) == CURLE_OK);
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &answer.status);
        curl_slist_free_all(headers);
        curl_easy_cleanup(h);
        return answer;
    }

    // The fake's recorded state: vms, rejections, executed, files, requests.
    rapidjson::Document state() const {
        rapidjson::Document doc;
        doc.Parse(request("GET", "/_fake/state").body.c_str());
        REQUIRE(doc.IsObject());
        return doc;
    }
    void reset() const { REQUIRE(request("POST", "/_fake/reset", "{}").status == 200); }
    // Arms a fault: fault("steal_vmid", R"("when": "during")").
    void fault(const std::string& name, const std::string& members = "") const {
        std::string body =
            "{\"name\": \"" + name + "\"" + (members.empty() ? "" : ", " + members) + "}";
        REQUIRE(request("POST", "/_fake/fault", body).status == 200);
    }

private:
    static size_t collect(char* data, size_t size, size_t count, void* out) {
        static_cast<std::string*>(out)->append(data, size * count);
        return size * count;
    }

    void wait_for_port() {
        // Loading the 4 MB API schema and making a key takes a few seconds on a busy machine.
        for (int i = 0; i < 600; ++i) {
            std::ifstream in(dir_ / "port");
            if (in >> port_) return;
            int status = 0;
            REQUIRE_MESSAGE(::waitpid(pid_, &status, WNOHANG) == 0, "fake_pve.py exited early");
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        FAIL("fake_pve.py did not start within 60 s");
    }

    fs::path dir_;
    pid_t pid_ = -1;
    int port_ = 0;
};

}  // namespace tidepool::test
