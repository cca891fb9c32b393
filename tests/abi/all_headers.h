/* Every public header of the plugin ABI, in an order that would expose a missing include. */
#ifndef TP_TEST_ALL_HEADERS_H
#define TP_TEST_ALL_HEADERS_H
#include <tidepool/svc/log.h>
#include <tidepool/svc/clock.h>
#include <tidepool/svc/http.h>
#include <tidepool/vm_provider.h>
#include <tidepool/dns_provider.h>
#include <tidepool/entry.h>
#include <tidepool/host.h>
#include <tidepool/error.h>
#include <tidepool/types.h>
#endif
