#include "tidepool/sdk/aws/errors.h"
#include "tidepool/sdk/aws/model.h"
#include "xml_doc.h"

namespace tidepool::sdk::aws {

std::optional<AwsError> parse_error(std::string_view body) {
    xml::DocPtr doc;
    try {
        doc = xml::parse(body);
    } catch (const ModelError&) {
        return std::nullopt;
    }
    const xmlNode* root = xml::root(doc);
    const xmlNode* error = nullptr;
    std::string_view id_element;
    if (xml::name(root) == "Response") {  // ec2: <Response><Errors><Error>...</Errors>
        error = xml::first(xml::first(root, "Errors"), "Error");
        id_element = "RequestID";
    } else if (xml::name(root) == "ErrorResponse") {  // query and rest-xml
        error = xml::first(root, "Error");
        id_element = "RequestId";
    } else if (xml::name(root) == "Error") {  // S3-style bare error
        error = root;
        id_element = "RequestId";
    }
    if (!error || !xml::first(error, "Code")) return std::nullopt;
    AwsError out;
    out.code = xml::text(xml::first(error, "Code"));
    out.message = xml::text(xml::first(error, "Message"));
    const xmlNode* id = xml::first(root, id_element);
    out.request_id = xml::text(id ? id : xml::first(error, id_element));
    return out;
}

}  // namespace tidepool::sdk::aws
