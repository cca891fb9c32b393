// libxml2 behind a small RAII/view layer, private to tp_sdk_aws (no libxml2 in public headers).
#pragma once

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tidepool::sdk::aws::xml {

struct DocFree {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

// Parses body without network access or entity expansion; throws ModelError when malformed.
DocPtr parse(std::string_view body);

xmlNode* root(const DocPtr& doc);
// The element's name without any namespace prefix.
std::string_view name(const xmlNode* node);
// Concatenated text and CDATA of the element's direct children (whitespace kept).
std::string text(const xmlNode* node);
// Child elements, all or only those named name.
std::vector<xmlNode*> elements(const xmlNode* node);
std::vector<xmlNode*> elements(const xmlNode* node, std::string_view name);
xmlNode* first(const xmlNode* node, std::string_view name);
// Attribute value by qualified name ("xsi:type" or "id"); nullptr-safe, "" and false if absent.
bool attribute(const xmlNode* node, std::string_view qualified_name, std::string& out);

}  // namespace tidepool::sdk::aws::xml
