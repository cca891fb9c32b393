// Headers: a small case-insensitive header map shared by Request and Response. Kept free of
// Boost so route handlers compile without pulling in Beast.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace tidepool::http {

// Orders header names ignoring ASCII case, as HTTP field names are case-insensitive.
struct CaseInsensitiveLess {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const;
};

class Headers {
public:
    using Map = std::map<std::string, std::string, CaseInsensitiveLess>;

    // Replaces any existing value of `name`.
    void set(std::string name, std::string value);
    // Appends to an existing value with ", " (the HTTP rule for repeated list-valued fields).
    void append(std::string name, std::string_view value);
    void erase(std::string_view name);
    // The value of `name` in any letter case, or nullopt.
    std::optional<std::string_view> get(std::string_view name) const;
    bool contains(std::string_view name) const { return map_.find(name) != map_.end(); }

    Map::const_iterator begin() const { return map_.begin(); }
    Map::const_iterator end() const { return map_.end(); }
    std::size_t size() const { return map_.size(); }

private:
    Map map_;
};

}  // namespace tidepool::http
