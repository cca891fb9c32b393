// Table: aligned columns with a header row, for people (scripts use --json).
#pragma once

#include <string>
#include <vector>

namespace tidepool::cli {

class Table {
public:
    explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
    // Missing cells render empty; extra cells are an error in the caller and are dropped.
    void add_row(std::vector<std::string> cells);
    bool empty() const { return rows_.empty(); }
    // Columns are separated by two spaces; the last column is not padded, so no line ends in
    // whitespace. Widths count UTF-8 code points, not bytes, so names like "Zoë" align.
    std::string render() const;

private:
    std::vector<std::string> headers_;
    std::vector<std::vector<std::string>> rows_;
};

// Display width of a UTF-8 string, in code points.
std::size_t display_width(const std::string& text);

}  // namespace tidepool::cli
