// Reads XML with libxml2, namespace-aware: elements are matched by (namespace URI, local
// name), never by prefix, because servers choose prefixes freely (vcsim writes xsi:type as
// "XMLSchema-instance:type"). The parser never loads external entities or DTDs and refuses
// documents nested deeper than libxml2's default limit.
//
//     XmlDocument doc = XmlDocument::parse(body);        // throws XmlError when malformed
//     XmlNode body = doc.root().child(kSoapEnv, "Body");
//     for (XmlNode n : body.children()) ...
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tidepool::sdk::xml {

inline constexpr std::string_view kXsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

class XmlError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A borrowed view of one element; valid while its XmlDocument lives. A default-constructed
// node is "absent": every query on it answers empty, so lookups chain without checks.
class XmlNode {
public:
    XmlNode() = default;
    explicit XmlNode(const void* node) : node_(node) {}

    explicit operator bool() const { return node_ != nullptr; }
    std::string_view local_name() const;
    std::string_view namespace_uri() const;  // "" when the element has no namespace
    // The concatenated text of the element and its descendants.
    std::string text() const;
    // The value of an attribute without a namespace (e.g. type="VirtualMachine"), or nullopt.
    std::optional<std::string> attribute(std::string_view name) const;
    // xsi:type resolved namespace-aware: the local part of the QName ("ManagedObjectNotFound"
    // for "vim25:ManagedObjectNotFound"), or "" when the element carries none.
    std::string xsi_type() const;

    // Child elements, in document order; all of them, or only those named (ns, local).
    std::vector<XmlNode> children() const;
    std::vector<XmlNode> children(std::string_view ns, std::string_view local) const;
    // The first child element named (ns, local), or an absent node.
    XmlNode child(std::string_view ns, std::string_view local) const;
    // The first child element in any namespace, or an absent node.
    XmlNode first_child() const;
    // Text of the first child named (ns, local); "" when absent.
    std::string child_text(std::string_view ns, std::string_view local) const;

private:
    const void* node_ = nullptr;
};

class XmlDocument {
public:
    // Parses a complete document; throws XmlError with libxml2's message when malformed.
    static XmlDocument parse(std::string_view text);

    XmlNode root() const;

private:
    struct Free {
        void operator()(void* doc) const;
    };
    explicit XmlDocument(void* doc) : doc_(doc) {}
    std::unique_ptr<void, Free> doc_;
};

}  // namespace tidepool::sdk::xml
