// Parses AWS XML responses (the ec2 and rest-xml protocols) into JSON keyed by member names,
// driven by the output shape: lists (wrapped or flattened, any member element name), maps,
// nested structures, booleans, numbers (incl. NaN/Infinity), timestamps (as epoch seconds) and
// blobs (base64-decoded). Elements the shape does not know are ignored, as AWS adds members.
#pragma once

#include <rapidjson/document.h>

#include <string_view>

#include <tidepool/sdk/aws/model.h>

namespace tidepool::sdk::aws {

// Parses body (whose root element wraps the output members) into a JSON object in allocator.
// Throws ModelError when the body is not well-formed XML.
rapidjson::Value parse_xml_response(const Model& model, std::string_view output_shape,
                                    std::string_view body,
                                    rapidjson::Document::AllocatorType& allocator);

}  // namespace tidepool::sdk::aws
