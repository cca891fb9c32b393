// The runtime's internal types as the embedding API shows them. The public enums mirror the
// model's value for value; the conversions below are the one place that knows both.
#pragma once

#include "connect/descriptor.h"
#include "runtime/events.h"
#include "runtime/runtime.h"
#include "tidepool/connection.h"
#include "tidepool/engine_events.h"
#include "tidepool/session.h"

namespace tidepool::engine {

Connection to_public(const connect::ConnectionDescriptor& descriptor);
SessionOutcome to_public(const runtime::SessionView& view);
EngineEvent to_public(const runtime::Event& event);
model::SessionKind to_model(SessionKind kind);

}  // namespace tidepool::engine
