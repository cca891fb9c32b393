#include "vm_description.h"

#include <algorithm>

#include "form.h"

namespace tidepool::proxmox {

namespace {

constexpr std::string_view kHeader =
    "Created and managed by Tidepool; it deletes this VM when its pool no longer needs it.";
constexpr std::string_view kTagPrefix = "tidepool-tag:";

}  // namespace

std::string encode_description(const sdk::KeyValues& tags) {
    std::string out(kHeader);
    for (const auto& [key, value] : tags) {
        out += "\n";
        out += kTagPrefix;
        out += percent_encode(key);
        out += "=";
        out += percent_encode(value);
    }
    return out;
}

sdk::KeyValues decode_description(std::string_view description) {
    sdk::KeyValues tags;
    size_t start = 0;
    while (start <= description.size()) {
        size_t end = description.find('\n', start);
        if (end == std::string_view::npos) end = description.size();
        std::string_view line = description.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        size_t eq = line.find('=');
        if (line.starts_with(kTagPrefix) && eq != std::string_view::npos) {
            std::string_view key = line.substr(kTagPrefix.size(), eq - kTagPrefix.size());
            tags.emplace_back(percent_decode(key), percent_decode(line.substr(eq + 1)));
        }
        start = end + 1;
    }
    return tags;
}

std::vector<std::string> split_pve_tags(std::string_view tags) {
    std::vector<std::string> out;
    std::string word;
    for (char c : tags) {
        if (c == ';' || c == ',' || c == ' ') {
            if (!word.empty()) out.push_back(std::move(word));
            word.clear();
        } else {
            word += c;
        }
    }
    if (!word.empty()) out.push_back(std::move(word));
    return out;
}

std::string join_pve_tags(const std::vector<std::string>& tags) {
    std::string out;
    for (const auto& tag : tags) out += (out.empty() ? "" : ";") + tag;
    return out;
}

bool has_pve_tag(std::string_view tags, std::string_view tag) {
    auto words = split_pve_tags(tags);
    return std::find(words.begin(), words.end(), tag) != words.end();
}

}  // namespace tidepool::proxmox
