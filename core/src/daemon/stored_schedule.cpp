#include "daemon/stored_schedule.h"

#include "schedule/parse.h"

namespace tidepool::daemon {

Result<schedule::ActivitySpec> stored_activity(const model::AutoScaleConfig& config) {
    // Empty text is "no schedule": always on while enabled.
    auto parsed = schedule::parse_activity_json(config.schedule_json, "",
                                                schedule::ParseMode::kStandalone);
    if (!parsed.ok())
        return make_error(ErrorCode::internal, "the stored schedules of autoscale config \"" +
                                                   config.id + "\" no longer parse (" +
                                                   parsed.errors().front().message +
                                                   "); re-apply the config");
    auto spec = parsed.value();
    spec.enabled = config.enabled;
    return spec;
}

}  // namespace tidepool::daemon
