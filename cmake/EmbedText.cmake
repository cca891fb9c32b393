# cmake -DINPUT=file -DOUTPUT=file.cpp -DNAMESPACE=ns -DSYMBOL=name -P EmbedText.cmake
# Writes a .cpp defining `std::string_view ns::name()` that returns INPUT's bytes. Used to embed
# docs/api/openapi.json into tidepoold at build time, so the file stays the single source.
# Bytes are written as hex escapes: no raw-string delimiter can collide with the content.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" escaped "${hex}")
# Break the literal into lines of 32 bytes (128 characters) so compilers and diffs stay happy.
string(REGEX REPLACE "((\\\\x[0-9a-f][0-9a-f]){32})" "\\1\"\n    \"" escaped "${escaped}")
set(content "// Generated from ${INPUT} by cmake/EmbedText.cmake; do not edit.
#include <string_view>

namespace ${NAMESPACE} {

std::string_view ${SYMBOL}() {
    static constexpr char kBytes[] =
    \"${escaped}\";
    return {kBytes, ${byte_count}};
}

}  // namespace ${NAMESPACE}
")
file(WRITE "${OUTPUT}.tmp" "${content}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
