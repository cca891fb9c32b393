// TIDEPOOL_API marks what libtidepool.so exports; everything else in it is hidden, so hosts
// link against the embedding API only and internal symbols never clash with theirs.
#pragma once

#if defined(TIDEPOOL_ENGINE_BUILDING)
#define TIDEPOOL_API __attribute__((visibility("default")))
#else
#define TIDEPOOL_API
#endif
