#include <tidepool/sdk/xml/xml_document.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <limits>

namespace tidepool::sdk::xml {

namespace {

const xmlNode* as_node(const void* node) { return static_cast<const xmlNode*>(node); }

std::string_view view(const xmlChar* s) {
    return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

bool named(const xmlNode* n, std::string_view ns, std::string_view local) {
    if (n->type != XML_ELEMENT_NODE || view(n->name) != local) return false;
    return view(n->ns ? n->ns->href : nullptr) == ns;
}

void collect_text(const xmlNode* n, std::string& out) {
    for (const xmlNode* c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            out.append(view(c->content));
        } else if (c->type == XML_ELEMENT_NODE) {
            collect_text(c, out);
        }
    }
}

// The attribute `local` in namespace `ns`, whatever prefix the document bound to it.
const xmlAttr* find_attribute(const xmlNode* n, std::string_view ns, std::string_view local) {
    for (const xmlAttr* a = n->properties; a; a = a->next) {
        if (view(a->name) == local && view(a->ns ? a->ns->href : nullptr) == ns) return a;
    }
    return nullptr;
}

std::string attribute_value(const xmlAttr* a) {
    std::string out;
    for (const xmlNode* c = a->children; c; c = c->next) out.append(view(c->content));
    return out;
}

}  // namespace

std::string_view XmlNode::local_name() const {
    return node_ ? view(as_node(node_)->name) : std::string_view();
}

std::string_view XmlNode::namespace_uri() const {
    if (!node_ || !as_node(node_)->ns) return {};
    return view(as_node(node_)->ns->href);
}

std::string XmlNode::text() const {
    std::string out;
    if (node_) collect_text(as_node(node_), out);
    return out;
}

std::optional<std::string> XmlNode::attribute(std::string_view name) const {
    if (!node_) return std::nullopt;
    const xmlAttr* a = find_attribute(as_node(node_), "", name);
    if (!a) return std::nullopt;
    return attribute_value(a);
}

std::string XmlNode::xsi_type() const {
    if (!node_) return {};
    const xmlAttr* a = find_attribute(as_node(node_), kXsiNamespace, "type");
    if (!a) return {};
    // The value is a QName; its prefix may name any namespace (xsd:string, vim25:Foo), and
    // callers compare the local part within the schema they expect.
    std::string value = attribute_value(a);
    size_t colon = value.find(':');
    return colon == std::string::npos ? value : value.substr(colon + 1);
}

std::vector<XmlNode> XmlNode::children() const {
    std::vector<XmlNode> out;
    if (!node_) return out;
    for (const xmlNode* c = as_node(node_)->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) out.emplace_back(c);
    }
    return out;
}

std::vector<XmlNode> XmlNode::children(std::string_view ns, std::string_view local) const {
    std::vector<XmlNode> out;
    if (!node_) return out;
    for (const xmlNode* c = as_node(node_)->children; c; c = c->next) {
        if (named(c, ns, local)) out.emplace_back(c);
    }
    return out;
}

XmlNode XmlNode::child(std::string_view ns, std::string_view local) const {
    if (!node_) return {};
    for (const xmlNode* c = as_node(node_)->children; c; c = c->next) {
        if (named(c, ns, local)) return XmlNode(c);
    }
    return {};
}

XmlNode XmlNode::first_child() const {
    if (!node_) return {};
    for (const xmlNode* c = as_node(node_)->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) return XmlNode(c);
    }
    return {};
}

std::string XmlNode::child_text(std::string_view ns, std::string_view local) const {
    return child(ns, local).text();
}

void XmlDocument::Free::operator()(void* doc) const { xmlFreeDoc(static_cast<xmlDoc*>(doc)); }

XmlDocument XmlDocument::parse(std::string_view text) {
    if (text.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
        throw XmlError("XML document too large");
    }
    // No entity substitution, no DTD loading, no network: answers from a server are data.
    int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
    xmlDoc* doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), nullptr, nullptr,
                                options);
    if (!doc) {
        const xmlError* e = xmlGetLastError();
        std::string why = e && e->message ? e->message : "unknown error";
        while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
        throw XmlError("malformed XML: " + why + (e ? " (line " + std::to_string(e->line) + ")" : ""));
    }
    if (!xmlDocGetRootElement(doc)) {
        xmlFreeDoc(doc);
        throw XmlError("XML document has no root element");
    }
    return XmlDocument(doc);
}

XmlNode XmlDocument::root() const {
    return XmlNode(xmlDocGetRootElement(static_cast<xmlDoc*>(doc_.get())));
}

}  // namespace tidepool::sdk::xml
