#include "vim_schema.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include <stdexcept>

namespace tidepool::test {

namespace {

constexpr const char* kSoapEnv = "http://schemas.xmlsoap.org/soap/envelope/";
constexpr const char* kXsd = "http://www.w3.org/2001/XMLSchema";

struct DocFree {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

void collect(void* ctx, const xmlError* error) {
    auto* out = static_cast<std::string*>(ctx);
    std::string msg = error->message ? error->message : "invalid";
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    *out += "line " + std::to_string(error->line) + ": " + msg + "\n";
}

// libxml2 2.9's callback type takes a non-const pointer.
void collect_mutable(void* ctx, xmlError* error) { collect(ctx, error); }

bool is(const xmlNode* n, const char* ns, const char* local) {
    return n && n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST local) && n->ns &&
           xmlStrEqual(n->ns->href, BAD_CAST ns);
}

const xmlNode* first_element(const xmlNode* parent) {
    for (const xmlNode* c = parent ? parent->children : nullptr; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) return c;
    }
    return nullptr;
}

int element_count(const xmlNode* parent) {
    int n = 0;
    for (const xmlNode* c = parent->children; c; c = c->next) n += c->type == XML_ELEMENT_NODE;
    return n;
}

// The <types><schema> of vim.wsdl as a standalone document whose base URL is vim.wsdl's, so
// its <include schemaLocation="vim-types.xsd"/> resolve next to it.
DocPtr embedded_schema(const std::filesystem::path& wsdl) {
    DocPtr wsdl_doc(xmlReadFile(wsdl.c_str(), nullptr, XML_PARSE_NONET));
    if (!wsdl_doc) throw std::runtime_error("cannot parse " + wsdl.string());
    const xmlNode* types = nullptr;
    for (const xmlNode* c = xmlDocGetRootElement(wsdl_doc.get())->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "types")) types = c;
    }
    const xmlNode* schema = first_element(types);
    if (!is(schema, kXsd, "schema")) throw std::runtime_error("no schema in " + wsdl.string());
    DocPtr out(xmlNewDoc(BAD_CAST "1.0"));
    xmlNode* copy = xmlDocCopyNode(const_cast<xmlNode*>(schema), out.get(), 1);
    xmlDocSetRootElement(out.get(), copy);
    xmlReconciliateNs(out.get(), copy);
    out->URL = xmlStrdup(BAD_CAST wsdl.c_str());
    return out;
}

}  // namespace

struct VimSchema::Impl {
    xmlSchema* schema = nullptr;
    ~Impl() { xmlSchemaFree(schema); }

    std::string validate(xmlDoc* doc) const {
        std::string errors;
        xmlSchemaValidCtxt* ctx = xmlSchemaNewValidCtxt(schema);
        xmlSchemaSetValidStructuredErrors(ctx, collect_mutable, &errors);
        int rc = xmlSchemaValidateDoc(ctx, doc);
        xmlSchemaFreeValidCtxt(ctx);
        if (rc != 0 && errors.empty()) errors = "invalid (libxml2 code " + std::to_string(rc) + ")";
        return errors;
    }
};

VimSchema::VimSchema(const std::filesystem::path& wsdl_dir) : impl_(std::make_unique<Impl>()) {
    DocPtr schema_doc = embedded_schema(wsdl_dir / "vim.wsdl");
    std::string errors;
    xmlSchemaParserCtxt* ctx = xmlSchemaNewDocParserCtxt(schema_doc.get());
    xmlSchemaSetParserStructuredErrors(ctx, collect_mutable, &errors);
    impl_->schema = xmlSchemaParse(ctx);
    xmlSchemaFreeParserCtxt(ctx);
    if (!impl_->schema) throw std::runtime_error("vim25 schema does not compile:\n" + errors);
}

VimSchema::~VimSchema() = default;

std::string VimSchema::validate_request(std::string_view request) const {
    DocPtr doc(xmlReadMemory(request.data(), static_cast<int>(request.size()), nullptr, nullptr,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
    if (!doc) return "not well-formed XML";
    return impl_->validate(doc.get());
}

std::string VimSchema::validate_envelope(std::string_view envelope) const {
    DocPtr doc(xmlReadMemory(envelope.data(), static_cast<int>(envelope.size()), nullptr, nullptr,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
    if (!doc) return "not well-formed XML";
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    if (!is(root, kSoapEnv, "Envelope")) return "root is not soapenv:Envelope";
    const xmlNode* body = nullptr;
    for (const xmlNode* c = root->children; c; c = c->next) {
        if (is(c, kSoapEnv, "Body")) body = c;
        else if (c->type == XML_ELEMENT_NODE && !is(c, kSoapEnv, "Header")) {
            return "unexpected element in the envelope: " + std::string((const char*)c->name);
        }
    }
    if (!body) return "no soapenv:Body";
    if (element_count(body) != 1) return "soapenv:Body must hold exactly one request element";
    DocPtr request(xmlNewDoc(BAD_CAST "1.0"));
    xmlNode* copy = xmlDocCopyNode(const_cast<xmlNode*>(first_element(body)), request.get(), 1);
    xmlDocSetRootElement(request.get(), copy);
    xmlReconciliateNs(request.get(), copy);
    return impl_->validate(request.get());
}

}  // namespace tidepool::test
