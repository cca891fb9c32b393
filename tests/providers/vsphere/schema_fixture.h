// The compiled vim25 schema, shared by every test in one binary (compiling it takes a moment).
#pragma once

#include "vim_schema.h"

namespace tidepool::test {

inline const VimSchema& vim_schema() {
    static const VimSchema schema(std::string(TIDEPOOL_SHARED_DIR) +
                                  "/specs/vsphere/vim25-wsdl");
    return schema;
}

}  // namespace tidepool::test
