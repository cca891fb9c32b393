// tidepool-sim.so: a simulated cloud behind the real plugin ABI, for tests, the crash harness,
// benchmarks and the what-if simulator. It goes through the same loader, schema validation,
// sinks and error mapping as a real cloud plugin, so what works against it exercises the real
// paths; only the cloud behind the table is made up.
#include <cstring>

#include <tidepool/sdk/sdk.hpp>

#include "cloud.h"
#include "sim_client.h"

namespace {

// Draft-04. "duration" is shared by boot_seconds and delete_seconds.
constexpr const char* kConfigSchema = R"json({
  "$schema": "http://json-schema.org/draft-04/schema#",
  "title": "Tidepool simulated cloud",
  "description": "An in-process cloud whose VMs boot and terminate on the host clock",
  "type": "object",
  "definitions": {
    "duration": {
      "type": "object",
      "description": "Seconds a transition takes, drawn per VM from a distribution",
      "properties": {
        "distribution": {
          "type": "string", "enum": ["fixed", "uniform", "lognormal"], "default": "fixed",
          "description": "fixed: mean; uniform: min..max; lognormal: mean, sigma, clamped"
        },
        "mean": {
          "type": "number", "minimum": 0,
          "description": "fixed: the duration; lognormal: the distribution's mean"
        },
        "min": {
          "type": "number", "minimum": 0,
          "description": "uniform: lower bound; lognormal: optional clamp"
        },
        "max": {
          "type": "number", "minimum": 0,
          "description": "uniform: upper bound; lognormal: optional clamp"
        },
        "sigma": {
          "type": "number", "minimum": 0, "default": 0.5,
          "description": "lognormal: standard deviation of the underlying normal"
        }
      },
      "additionalProperties": false
    },
    "rate": {"type": "number", "minimum": 0, "maximum": 1, "default": 0}
  },
  "properties": {
    "cloud": {
      "type": "string", "pattern": "^[A-Za-z0-9._-]{1,64}$", "default": "default",
      "description": "Clients naming the same cloud share its VMs, limits and rate buckets"
    },
    "state_file": {
      "type": "string", "minLength": 1,
      "description":
        "JSON file of the cloud's VMs so they survive restarts; relative to the working dir"
    },
    "max_instances": {
      "type": "integer", "minimum": 0, "default": 100,
      "description": "Creates fail (InstanceLimitExceeded) once the cloud holds this many VMs"
    },
    "capacity_limit": {
      "type": "integer", "minimum": 0,
      "description":
        "Region-wide cap over all clients: creates past it fail (InsufficientInstanceCapacity)"
    },
    "seed": {
      "type": "integer",
      "description": "PRNG seed for durations and injected errors; omitted: a random seed"
    },
    "boot_seconds": {
      "$ref": "#/definitions/duration",
      "description": "Time from create until RUNNING (default: fixed, 30 s)"
    },
    "delete_seconds": {
      "$ref": "#/definitions/duration",
      "description": "Time a deleted VM spends DELETING before it is GONE (default: fixed, 5 s)"
    },
    "api_latency_seconds": {
      "$ref": "#/definitions/duration",
      "description":
        "Round trip of every API call, half before the cloud acts and half after (default: 0)"
    },
    "gone_visible_seconds": {
      "type": "number", "minimum": 0, "default": 60,
      "description": "How long GONE VMs are still listed before the cloud forgets them"
    },
    "errors": {
      "type": "object",
      "description": "Injected failures: each rate is a probability per call",
      "properties": {
        "server_error_rate": {
          "$ref": "#/definitions/rate", "description": "5xx: unavailable (InternalError)"
        },
        "throttle_rate": {
          "$ref": "#/definitions/rate",
          "description": "unavailable (RequestLimitExceeded) with a retry hint"
        },
        "capacity_rate": {
          "$ref": "#/definitions/rate",
          "description": "creates only: capacity (InsufficientInstanceCapacity)"
        },
        "timeout_rate": {
          "$ref": "#/definitions/rate",
          "description": "timeout after hanging; a create or delete still takes effect"
        },
        "timeout_after_ms": {
          "type": "integer", "minimum": 0, "default": 0,
          "description": "How long a timed-out call hangs; 0: until its deadline (or 30 s)"
        }
      },
      "additionalProperties": false
    },
    "throttle": {
      "type": "object",
      "description": "Token buckets per cloud; an empty one fails with RequestLimitExceeded",
      "properties": {
        "create_burst": {
          "type": "integer", "minimum": 1, "default": 1000,
          "description": "Create bucket size"
        },
        "create_refill_per_s": {
          "type": "number", "minimum": 0, "exclusiveMinimum": true, "default": 2,
          "description": "Create tokens added per second"
        },
        "read_burst": {
          "type": "integer", "minimum": 1, "default": 100,
          "description": "Bucket size for get and list"
        },
        "read_refill_per_s": {
          "type": "number", "minimum": 0, "exclusiveMinimum": true, "default": 20,
          "description": "Get and list tokens added per second"
        }
      },
      "additionalProperties": false
    }
  },
  "additionalProperties": false
})json";

constexpr tp_vm_provider kVmProvider = tidepool::sdk::vm_provider_table<tidepool::sim::SimClient>(
    TP_VM_CAP_IDEMPOTENT_CREATE | TP_VM_CAP_STARTUP_SCRIPT, kConfigSchema);

const void* get_interface(const char* id) {
    return std::strcmp(id, TP_VM_PROVIDER_ID) == 0 ? &kVmProvider : nullptr;
}

// The host calls deinit after every client closed; dropping the clouds here means a plugin
// re-initialised in the same copy starts from its state files, as a fresh load would.
void deinit() {
    tidepool::sim::forget_clouds();
    tidepool::sdk::default_deinit();
}

constexpr tp_plugin_entry kEntry = tidepool::sdk::make_entry(
    "org.tidepool.sim", "0.1.0", "Simulated cloud: VMs boot and terminate on the host clock",
    &get_interface, &tidepool::sdk::default_init, &deinit);

}  // namespace

TIDEPOOL_SDK_ENTRY(kEntry)
