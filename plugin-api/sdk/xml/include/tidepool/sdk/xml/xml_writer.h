// Builds XML text element by element with correct escaping, for SOAP request bodies.
//
//     XmlWriter w;
//     w.open("Login", {{"xmlns", "urn:vim25"}}).leaf("userName", user).close();
//     std::string xml = w.str();
//
// Names are written as given (callers use fixed, known-good names); text and attribute values
// are always escaped, so nothing an operator types can change a document's structure.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tidepool::sdk::xml {

using Attributes = std::initializer_list<std::pair<std::string_view, std::string_view>>;

// Escapes &, <, >, " and ' so the result is safe in text and in double-quoted attributes.
// Control characters XML 1.0 cannot carry (other than tab, CR, LF) are dropped.
std::string escape(std::string_view text);

class XmlWriter {
public:
    // Starts <name attrs...>; every open() needs a matching close().
    XmlWriter& open(std::string_view name, Attributes attributes = {});
    // Ends the innermost open element.
    XmlWriter& close();
    // Writes <name attrs...>text</name>.
    XmlWriter& leaf(std::string_view name, std::string_view text, Attributes attributes = {});
    // Appends already-built XML (from another XmlWriter) unchanged.
    XmlWriter& raw(std::string_view xml);

    // The document so far; throws std::logic_error while elements are still open.
    std::string str() const;

private:
    void start_tag(std::string_view name, Attributes attributes);

    std::string out_;
    std::vector<std::string> open_;
};

}  // namespace tidepool::sdk::xml
