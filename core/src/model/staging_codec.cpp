// JSON codec of StagingConfig.
#include <limits>

#include "model/json_reader.h"
#include "model/staging.h"

namespace tidepool::model {
namespace {

// A year: longer would make "expire and refill" meaningless, and it keeps hours*3600 in range.
constexpr std::int64_t kMaxExpiryHours = 24 * 366;
// Far above any agent pool's size; it only stops a typo from ordering a fleet.
constexpr std::int64_t kMaxDesiredCount = 10000;

// A staged session that holds nothing would be placed on any agent and never free anything,
// so at least one dimension must be requested. Checked once each member is valid alone.
void check_amounts(ObjectReader& r, const StagingConfig& c) {
    if (!r.ok()) return;
    if (c.cores <= 0 && c.gpus <= 0 && c.memory_gib <= 0) {
        r.fail("cores", "\"cores\": 0 is not allowed while \"gpus\" and \"memory_gib\" are 0 too; "
                        "give each staged session some cores, GPUs or memory");
    }
    if (r.ok() && c.workspace.empty()) {
        r.fail("workspace", "\"workspace\": \"\" is not allowed; name the workspace requests "
                            "ask for, e.g. \"python-notebook\"");
    }
}

}  // namespace

Result<StagingConfig> parse_staging_config(const rapidjson::Value& value,
                                           std::string_view pointer_prefix) {
    ObjectReader r(value, pointer_prefix, "a staging config");
    StagingConfig c;
    r.id("id", c.id, true);
    r.text("name", c.name);
    r.id("pool_id", c.pool_id, true);
    r.text("workspace", c.workspace, true);
    r.integer("desired_count", c.desired_count, 0, kMaxDesiredCount);
    r.integer("expiry_hours", c.expiry_hours, 1, kMaxExpiryHours);
    r.number("cores", c.cores, 0);
    r.number("gpus", c.gpus, 0);
    r.number("memory_gib", c.memory_gib, 0);
    r.boolean("enabled", c.enabled);
    check_amounts(r, c);
    if (auto done = r.finish(); !done) return done.error();
    return c;
}

void write_json(rapidjson::Writer<rapidjson::StringBuffer>& w, const StagingConfig& c) {
    w.StartObject();
    w.Key("id");
    w.String(c.id);
    w.Key("name");
    w.String(c.name);
    w.Key("pool_id");
    w.String(c.pool_id);
    w.Key("workspace");
    w.String(c.workspace);
    w.Key("desired_count");
    w.Int(c.desired_count);
    w.Key("expiry_hours");
    w.Int(c.expiry_hours);
    w.Key("cores");
    w.Double(c.cores);
    w.Key("gpus");
    w.Double(c.gpus);
    w.Key("memory_gib");
    w.Double(c.memory_gib);
    w.Key("enabled");
    w.Bool(c.enabled);
    w.EndObject();
}

}  // namespace tidepool::model
