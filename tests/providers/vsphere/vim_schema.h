// Validates vim25 SOAP requests against VMware's own WSDL/XSDs with libxml2: the schema
// embedded in vim.wsdl (which includes vim-messagetypes.xsd, vim-types.xsd, core-types.xsd,
// query-*.xsd and reflect-*.xsd) is compiled once; each envelope's Body must hold exactly one
// element, which must be a valid request element (operation exists, required members present
// in schema order with the right types, no unknown members).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace tidepool::test {

class VimSchema {
public:
    // wsdl_dir holds vim.wsdl and its XSDs. Throws std::runtime_error when they do not compile.
    explicit VimSchema(const std::filesystem::path& wsdl_dir);
    ~VimSchema();
    VimSchema(const VimSchema&) = delete;
    VimSchema& operator=(const VimSchema&) = delete;

    // "" when valid; otherwise every problem found, one per line.
    std::string validate_request(std::string_view request_element) const;
    std::string validate_envelope(std::string_view envelope) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace tidepool::test
