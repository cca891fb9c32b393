// Instances of the local provider are process groups. Why they are started the way they are:
//
// The plugin runs inside tidepoold, which may restart while instances keep running, and a
// process can only waitpid() its own children. So an instance must never be our child, or it
// would become a zombie nobody reaps once it exits. spawn_detached() therefore double-forks:
// the intermediate child forks the instance and exits at once (we reap it immediately), so the
// instance is reparented to init (or to the nearest PR_SET_CHILD_SUBREAPER, whose job reaping
// then is). The instance calls setsid(), so it leads its own session and process group
// (pgid == its pid) and every process its script starts stays in that group, where one
// kill(-pgid) reaches them all.
//
// A pgid can be reused by an unrelated group once ours has died, so liveness and kill first
// check that a member of the group still carries this instance's secret-free random token in
// its environment (TIDEPOOL_INSTANCE_TOKEN) — a pid number alone proves nothing after a restart.
// Zombie members count as exited: they have finished, and reaping them is init's business.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace tidepool::local_provider {

struct SpawnRequest {
    std::string directory;          // working directory
    std::vector<std::string> argv;  // argv[0] is the program path (no PATH lookup)
    std::vector<std::string> env;   // complete environment, "NAME=value"
    std::string log_path;           // stdout and stderr, appended
};

// Starts the request as a new session and process group reparented away from us. Returns the
// pid (== pgid) or throws ProviderError (TP_ERR_INTERNAL) with the reason.
pid_t spawn_detached(const SpawnRequest& request);

// True while a non-zombie process of group pgid carries TIDEPOOL_INSTANCE_TOKEN=token, or is
// mid-exit (environment already released), so a stop waits until every member has exited.
bool group_alive(pid_t pgid, const std::string& token);

// The process group of a live (non-zombie) process carrying TIDEPOOL_INSTANCE_TOKEN=token, or 0.
// Finds an instance whose spawn was cut off before its pid was recorded.
pid_t find_group_by_token(const std::string& token);

// Sends sig to the group if group_alive(); returns whether it was sent.
bool signal_group(pid_t pgid, const std::string& token, int sig);

}  // namespace tidepool::local_provider
