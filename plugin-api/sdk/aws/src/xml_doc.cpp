#include "xml_doc.h"

#include "tidepool/sdk/aws/model.h"

namespace tidepool::sdk::aws::xml {

DocPtr parse(std::string_view body) {
    // XML_PARSE_NONET: never fetch a DTD; no XML_PARSE_NOENT, so entities are not expanded
    // (an AWS response has no business declaring any).
    xmlDoc* doc = xmlReadMemory(body.data(), static_cast<int>(body.size()), "response.xml",
                                nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc || !xmlDocGetRootElement(doc)) {
        if (doc) xmlFreeDoc(doc);
        throw ModelError("", "response body is not well-formed XML");
    }
    return DocPtr(doc);
}

xmlNode* root(const DocPtr& doc) { return xmlDocGetRootElement(doc.get()); }

std::string_view name(const xmlNode* node) {
    return node && node->name ? reinterpret_cast<const char*>(node->name) : "";
}

std::string text(const xmlNode* node) {
    std::string out;
    for (const xmlNode* c = node ? node->children : nullptr; c; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
            out += reinterpret_cast<const char*>(c->content);
        }
    }
    return out;
}

std::vector<xmlNode*> elements(const xmlNode* node) {
    std::vector<xmlNode*> out;
    for (xmlNode* c = node ? node->children : nullptr; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) out.push_back(c);
    }
    return out;
}

std::vector<xmlNode*> elements(const xmlNode* node, std::string_view wanted) {
    std::vector<xmlNode*> out;
    for (xmlNode* c : elements(node)) {
        if (name(c) == wanted) out.push_back(c);
    }
    return out;
}

xmlNode* first(const xmlNode* node, std::string_view wanted) {
    for (xmlNode* c = node ? node->children : nullptr; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && name(c) == wanted) return c;
    }
    return nullptr;
}

bool attribute(const xmlNode* node, std::string_view qualified_name, std::string& out) {
    for (const xmlAttr* a = node ? node->properties : nullptr; a; a = a->next) {
        std::string full = a->ns && a->ns->prefix
                               ? std::string(reinterpret_cast<const char*>(a->ns->prefix)) + ":"
                               : std::string();
        full += reinterpret_cast<const char*>(a->name);
        if (full == qualified_name) {
            xmlChar* value = xmlNodeListGetString(a->doc, a->children, 1);
            out = value ? reinterpret_cast<const char*>(value) : "";
            xmlFree(value);
            return true;
        }
    }
    return false;
}

}  // namespace tidepool::sdk::aws::xml
