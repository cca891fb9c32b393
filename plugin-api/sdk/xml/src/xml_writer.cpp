#include <tidepool/sdk/xml/xml_writer.h>

#include <stdexcept>

namespace tidepool::sdk::xml {

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                // XML 1.0 has no way to carry other C0 controls, even as references.
                if (u >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += c;
        }
    }
    return out;
}

void XmlWriter::start_tag(std::string_view name, Attributes attributes) {
    out_ += '<';
    out_ += name;
    for (const auto& [key, value] : attributes) {
        out_ += ' ';
        out_ += key;
        out_ += "=\"";
        out_ += escape(value);
        out_ += '"';
    }
    out_ += '>';
}

XmlWriter& XmlWriter::open(std::string_view name, Attributes attributes) {
    start_tag(name, attributes);
    open_.emplace_back(name);
    return *this;
}

XmlWriter& XmlWriter::close() {
    if (open_.empty()) throw std::logic_error("XmlWriter::close without an open element");
    out_ += "</";
    out_ += open_.back();
    out_ += '>';
    open_.pop_back();
    return *this;
}

XmlWriter& XmlWriter::leaf(std::string_view name, std::string_view text, Attributes attributes) {
    start_tag(name, attributes);
    out_ += escape(text);
    out_ += "</";
    out_ += name;
    out_ += '>';
    return *this;
}

XmlWriter& XmlWriter::raw(std::string_view xml) {
    out_ += xml;
    return *this;
}

std::string XmlWriter::str() const {
    if (!open_.empty()) throw std::logic_error("XmlWriter: <" + open_.back() + "> is not closed");
    return out_;
}

}  // namespace tidepool::sdk::xml
