#include "process_group.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include <tidepool/sdk/error.hpp>

namespace tidepool::local_provider {

namespace {

using sdk::ProviderError;

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

// Runs in the forked instance: only async-signal-safe calls until execve.
[[noreturn]] void become_instance(const SpawnRequest& r, char* const* argv, char* const* envp,
                                  int null_fd, int log_fd, int report_fd) {
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);  // the daemon's worker may block signals
    for (int sig : {SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGCHLD, SIGQUIT}) signal(sig, SIG_DFL);
    int err = 0;
    pid_t self = setsid() < 0 ? -1 : getpid();
    (void)!write(report_fd, &self, sizeof self);
    if (self < 0 || dup2(null_fd, 0) < 0 || dup2(log_fd, 1) < 0 || dup2(log_fd, 2) < 0 ||
        chdir(r.directory.c_str()) < 0) {
        err = errno;
    } else {
        close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);  // no daemon sockets leak into instances
        execve(argv[0], argv, envp);
        err = errno;
    }
    (void)!write(report_fd, &err, sizeof err);
    _exit(127);
}

// Reads the instance's pid, then waits for EOF (execve closed the pipe) or an errno.
pid_t read_spawn_report(int fd) {
    pid_t pid = -1;
    int err = 0;
    if (read(fd, &pid, sizeof pid) != static_cast<ssize_t>(sizeof pid) || pid <= 0) {
        throw ProviderError(TP_ERR_INTERNAL, "could not start the instance's process group");
    }
    if (read(fd, &err, sizeof err) == static_cast<ssize_t>(sizeof err)) {
        throw ProviderError(TP_ERR_INTERNAL,
                            std::string("could not start the instance: ") + std::strerror(err));
    }
    return pid;
}

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) close(fd);
    }
};

// Field 3 (state) and 5 (pgrp) of /proc/<pid>/stat; the comm field may contain anything,
// so parsing starts after its closing parenthesis.
bool read_stat(const std::string& pid, char& state, long& pgrp) {
    std::ifstream in("/proc/" + pid + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    size_t close_paren = text.rfind(')');
    if (close_paren == std::string::npos) return false;
    long ppid = 0;
    return std::sscanf(text.c_str() + close_paren + 1, " %c %ld %ld", &state, &ppid, &pgrp) == 3;
}

enum class TokenCheck { carries, lacks, exiting };

// A process that is exiting has already released its address space but is not yet a zombie;
// its environ then reads empty. Such a member is still dying, not proof of a foreign group.
TokenCheck check_token(const std::string& pid, const std::string& marker) {
    std::ifstream in("/proc/" + pid + "/environ", std::ios::binary);
    if (!in.is_open()) return TokenCheck::lacks;  // another user's process: never ours
    std::string entry;
    bool any = false;
    while (std::getline(in, entry, '\0')) {
        any = true;
        if (entry == marker) return TokenCheck::carries;
    }
    return any ? TokenCheck::lacks : TokenCheck::exiting;
}

bool has_token(const std::string& pid, const std::string& marker) {
    return check_token(pid, marker) == TokenCheck::carries;
}

}  // namespace

pid_t spawn_detached(const SpawnRequest& request) {
    SpawnRequest r = request;  // owned strings for the argv/envp arrays built before fork
    std::vector<char*> argv = c_strings(r.argv), envp = c_strings(r.env);
    Fd log_fd{open(r.log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600)};
    Fd null_fd{open("/dev/null", O_RDONLY | O_CLOEXEC)};
    int pipe_fds[2];
    if (log_fd.fd < 0 || null_fd.fd < 0 || pipe2(pipe_fds, O_CLOEXEC) < 0) {
        throw ProviderError(TP_ERR_INTERNAL,
                            std::string("cannot prepare the instance: ") + std::strerror(errno));
    }
    Fd report_read{pipe_fds[0]}, report_write{pipe_fds[1]};
    pid_t middle = fork();
    if (middle < 0) throw ProviderError(TP_ERR_UNAVAILABLE, "fork failed");
    if (middle == 0) {
        pid_t instance = fork();
        if (instance == 0) {
            become_instance(r, argv.data(), envp.data(), null_fd.fd, log_fd.fd, report_write.fd);
        }
        _exit(instance < 0 ? 1 : 0);
    }
    close(report_write.fd);
    report_write.fd = -1;
    int status = 0;
    while (waitpid(middle, &status, 0) < 0 && errno == EINTR) {
    }
    return read_spawn_report(report_read.fd);
}

bool group_alive(pid_t pgid, const std::string& token) {
    if (pgid <= 0 || (kill(-pgid, 0) != 0 && errno == ESRCH)) return false;
    std::string marker = "TIDEPOOL_INSTANCE_TOKEN=" + token;
    std::unique_ptr<DIR, int (*)(DIR*)> proc(opendir("/proc"), closedir);
    if (!proc) return false;
    while (dirent* entry = readdir(proc.get())) {
        if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
        char state = 0;
        long pgrp = 0;
        if (read_stat(entry->d_name, state, pgrp) && pgrp == pgid && state != 'Z' &&
            state != 'X' && check_token(entry->d_name, marker) != TokenCheck::lacks) {
            return true;  // ours, or a member caught mid-exit: wait until it is a zombie
        }
    }
    return false;
}

pid_t find_group_by_token(const std::string& token) {
    std::string marker = "TIDEPOOL_INSTANCE_TOKEN=" + token;
    std::unique_ptr<DIR, int (*)(DIR*)> proc(opendir("/proc"), closedir);
    if (!proc) return 0;
    while (dirent* entry = readdir(proc.get())) {
        if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
        char state = 0;
        long pgrp = 0;
        if (read_stat(entry->d_name, state, pgrp) && state != 'Z' && pgrp > 0 &&
            has_token(entry->d_name, marker)) {
            return static_cast<pid_t>(pgrp);
        }
    }
    return 0;
}

bool signal_group(pid_t pgid, const std::string& token, int sig) {
    return group_alive(pgid, token) && kill(-pgid, sig) == 0;
}

}  // namespace tidepool::local_provider
