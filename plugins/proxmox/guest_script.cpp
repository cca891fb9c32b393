#include "guest_script.h"

#include <vector>

namespace tidepool::proxmox {

std::string last_lines(std::string_view text, size_t max_lines) {
    std::vector<std::string_view> lines;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
        if (!line.empty()) lines.push_back(line);
        start = end + 1;
    }
    size_t first = lines.size() > max_lines ? lines.size() - max_lines : 0;
    std::string out;
    for (size_t i = first; i < lines.size(); ++i) {
        if (!out.empty()) out += " | ";
        out += lines[i];
    }
    return out;
}

std::string script_file(const std::string& directory, OsType os, std::string_view vm_name) {
    char separator = os == OsType::linux ? '/' : '\\';
    std::string path = directory;
    if (!path.empty() && path.back() != '/' && path.back() != '\\') path += separator;
    return path + "tidepool-startup-" + std::string(vm_name) +
           (os == OsType::linux ? ".sh" : ".ps1");
}

}  // namespace tidepool::proxmox
