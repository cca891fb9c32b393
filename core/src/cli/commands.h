// The command handlers the table points at. Each returns the process exit code.
#pragma once

#include "cli/command.h"

namespace tidepool::cli {

int cmd_status(Context& ctx);
int cmd_pools(Context& ctx);
int cmd_servers(Context& ctx);
int cmd_sessions(Context& ctx);
int cmd_sessions_request(Context& ctx);
int cmd_sessions_show(Context& ctx);
int cmd_sessions_release(Context& ctx);
int cmd_sessions_connection(Context& ctx);
int cmd_configs_apply(Context& ctx);
int cmd_configs_show(Context& ctx);
int cmd_configs_delete(Context& ctx);
int cmd_explain(Context& ctx);
int cmd_snapshot(Context& ctx);
int cmd_plan(Context& ctx);
int cmd_simulate(Context& ctx);
int cmd_schedule_preview(Context& ctx);
int cmd_plugin_list(Context& ctx);
int cmd_plugin_reload(Context& ctx);
int cmd_plugin_check(Context& ctx);
int cmd_zones(Context& ctx);
int cmd_providers(Context& ctx);
int cmd_watch(Context& ctx);
int cmd_key_create(Context& ctx);
int cmd_key_list(Context& ctx);
int cmd_key_revoke(Context& ctx);
int cmd_user_keys(Context& ctx);
int cmd_user_keys_show(Context& ctx);
int cmd_user_keys_set(Context& ctx);
int cmd_user_keys_delete(Context& ctx);
int cmd_staging_list(Context& ctx);
int cmd_staging_show(Context& ctx);
int cmd_staging_delete(Context& ctx);
int cmd_configs_list(Context& ctx);
int cmd_zones_show(Context& ctx);
int cmd_pools_show(Context& ctx);
int cmd_providers_show(Context& ctx);
int cmd_servers_show(Context& ctx);
int cmd_servers_drain(Context& ctx);
int cmd_servers_undrain(Context& ctx);
int cmd_agents(Context& ctx);
int cmd_agents_show(Context& ctx);
int cmd_schedules(Context& ctx);
int cmd_schedules_show(Context& ctx);
int cmd_decisions(Context& ctx);

}  // namespace tidepool::cli
