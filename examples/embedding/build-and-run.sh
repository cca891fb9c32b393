#!/usr/bin/env bash
# Proves the embedding API is self-contained: installs libtidepool.so, its headers, its CMake
# package and the plugins from a configured and built Tidepool tree into a private prefix,
# copies this example somewhere unrelated to the source tree, builds it there against the
# installed package alone (find_package(Tidepool)), and runs it.
#
# Usage: build-and-run.sh BUILD_DIR
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 BUILD_DIR" >&2
    exit 2
fi
build_dir=$(cd "$1" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work="$build_dir/embedding-example"

rm -rf "$work"
mkdir -p "$work/src"
for component in engine plugins; do
    cmake --install "$build_dir" --prefix "$work/prefix" --component "$component" > /dev/null
done
# Only the public headers may be installed: an internal one would mean the API leaks it.
if find "$work/prefix/include" -name '*.h' | grep -v '/include/tidepool/[a-z_]*\.h$'; then
    echo "unexpected headers installed (above)" >&2
    exit 1
fi
cp "$here/CMakeLists.txt" "$here/host.cpp" "$here/demo.h" "$here/demo.cpp" "$work/src/"

generator=()
if command -v ninja > /dev/null; then generator=(-G Ninja); fi
launcher=()
if command -v ccache > /dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S "$work/src" -B "$work/build" "${generator[@]}" "${launcher[@]}" \
      -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF \
      -DCMAKE_BUILD_TYPE=Release -DEXAMPLE_WERROR=ON > /dev/null
cmake --build "$work/build"
"$work/build/embedding-host" --timeout-s "${EMBEDDING_TIMEOUT_S:-60}"
