#include "models.h"

#include <string_view>

// Defined in the build tree's aws_model_data.cpp, generated from model/*.json.
namespace tidepool::aws::embedded {
extern const unsigned char kEc2Model[];
extern const unsigned long kEc2ModelSize;
extern const unsigned char kRoute53Model[];
extern const unsigned long kRoute53ModelSize;
}  // namespace tidepool::aws::embedded

namespace tidepool::aws {

namespace {

std::string_view text(const unsigned char* bytes, unsigned long size) {
    return std::string_view(reinterpret_cast<const char*>(bytes), size);
}

}  // namespace

// Function-local statics: parsed on first use, thread-safe, once per loaded library.
const sdk::aws::Model& ec2_model() {
    static const sdk::aws::Model model =
        sdk::aws::Model::parse(text(embedded::kEc2Model, embedded::kEc2ModelSize));
    return model;
}

const sdk::aws::Model& route53_model() {
    static const sdk::aws::Model model =
        sdk::aws::Model::parse(text(embedded::kRoute53Model, embedded::kRoute53ModelSize));
    return model;
}

}  // namespace tidepool::aws
