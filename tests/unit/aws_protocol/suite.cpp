#include "suite.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tidepool::test {

Suite load_suite(const std::string& relative) {
    std::string path = std::string(TIDEPOOL_SHARED_DIR) +
                       "/specs/aws/protocol-tests-botocore/" + relative;
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::stringstream text;
    text << in.rdbuf();
    auto doc = std::make_shared<rapidjson::Document>();
    doc->Parse(text.str().c_str());
    if (doc->HasParseError() || !doc->IsArray()) throw std::runtime_error("bad suite " + path);
    return Suite{doc};
}

sdk::aws::Model suite_model(const Suite& file, const rapidjson::Value& suite) {
    return sdk::aws::Model::from(file.doc, suite["shapes"]);
}

bool json_equal(const rapidjson::Value& a, const rapidjson::Value& b) {
    if (a.IsNumber() && b.IsNumber()) return std::fabs(a.GetDouble() - b.GetDouble()) < 1e-9;
    if (a.GetType() != b.GetType()) return false;
    if (a.IsObject()) {
        if (a.MemberCount() != b.MemberCount()) return false;
        for (const auto& m : a.GetObject()) {
            auto other = b.FindMember(m.name);
            if (other == b.MemberEnd() || !json_equal(m.value, other->value)) return false;
        }
        return true;
    }
    if (a.IsArray()) {
        if (a.Size() != b.Size()) return false;
        for (rapidjson::SizeType i = 0; i < a.Size(); ++i) {
            if (!json_equal(a[i], b[i])) return false;
        }
        return true;
    }
    return a == b;
}

std::string to_json(const rapidjson::Value& v) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    v.Accept(writer);
    return buffer.GetString();
}

std::string canonical_xml(const std::string& xml) {
    xmlDoc* doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "x.xml", nullptr,
                                XML_PARSE_NOBLANKS | XML_PARSE_NONET | XML_PARSE_NOERROR);
    if (!doc) return "<not-xml>" + xml;
    xmlBuffer* buffer = xmlBufferCreate();
    xmlNodeDump(buffer, doc, xmlDocGetRootElement(doc), 0, 0);
    std::string out(reinterpret_cast<const char*>(xmlBufferContent(buffer)));
    xmlBufferFree(buffer);
    xmlFreeDoc(doc);
    return out;
}

}  // namespace tidepool::test
