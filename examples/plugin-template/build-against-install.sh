#!/usr/bin/env bash
# Proves the plugin API is self-contained: installs it from a configured Tidepool build into a
# private prefix, copies this template somewhere unrelated to the source tree, and builds it
# there against the installed package alone.
#
# Usage: build-against-install.sh BUILD_DIR
# Output: BUILD_DIR/plugin-template/build/plugins/tidepool-template.so (path printed last).
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 BUILD_DIR" >&2
    exit 2
fi
build_dir=$(cd "$1" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work="$build_dir/plugin-template"

rm -rf "$work"
mkdir -p "$work/src"
cmake --install "$build_dir" --prefix "$work/prefix" --component plugin-api
cp "$here/CMakeLists.txt" "$here/template_provider.c" "$work/src/"

generator=()
if command -v ninja > /dev/null; then generator=(-G Ninja); fi
cmake -S "$work/src" -B "$work/build" "${generator[@]}" \
      -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF \
      -DTEMPLATE_WERROR=ON
cmake --build "$work/build"
echo "$work/build/plugins/tidepool-template.so"
