// The current headers keep every 1.0 member at the same offset with the same size, keep every
// constant, and may only grow structs (by appending). Also: the table names every member —
// the members of each struct tile it exactly, so a member missing from the table is caught.
#include <doctest/doctest.h>

#include <string>

#include "layout_dump.h"

namespace {

bool starts_with(const std::string& s, const std::string& prefix) {
    return s.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

TEST_CASE("current headers keep the 1.0 layout") {
    size_t n_old = 0, n_new = 0;
    const tp_layout_entry* old_table = tp_layout_snapshot_1_0(&n_old);
    const tp_layout_entry* new_table = tp_layout_current(&n_new);
    REQUIRE(n_old == n_new);
    for (size_t i = 0; i < n_old; ++i) {
        std::string name = old_table[i].name;
        CAPTURE(name);
        REQUIRE(name == new_table[i].name);  // also compares the string constants' values
        bool struct_size = starts_with(name, "sizeof(") && name.find('.') == std::string::npos;
        if (struct_size) {
            CHECK(new_table[i].value >= old_table[i].value);  // appended members only
        } else {
            CHECK(new_table[i].value == old_table[i].value);
        }
    }
}

TEST_CASE("the layout table lists every member of every 1.0 struct") {
    size_t n = 0;
    const tp_layout_entry* table = tp_layout_snapshot_1_0(&n);
    std::string current;
    long long declared = 0, members = 0;
    auto finish = [&] {
        if (!current.empty()) {
            CAPTURE(current);
            CHECK(members == declared);
        }
    };
    for (size_t i = 0; i < n; ++i) {
        std::string name = table[i].name;
        if (starts_with(name, "sizeof(") && name.find('.') == std::string::npos) {
            finish();
            current = name;
            declared = table[i].value;
            members = 0;
        } else if (starts_with(name, "sizeof(")) {
            members += table[i].value;
        }
    }
    finish();
}
