#!/usr/bin/env bash
# Installs the OpenAPI validator for api.openapi into DIR (in the build tree) with `npm ci`
# from the committed lock file. Reinstalls only when the lock file changed, so reruns need no
# network. Fails (and so fails api.openapi, which needs it) when npm or the registry is
# unreachable: the check is never skipped silently.
set -euo pipefail
SRC=$(cd "$(dirname "$0")" && pwd)
DIR=$1
command -v npm >/dev/null || { echo "npm is missing; scripts/deps installs it" >&2; exit 1; }
mkdir -p "$DIR"
if [ -d "$DIR/node_modules/@apidevtools/swagger-parser" ] &&
   cmp -s "$SRC/package-lock.json" "$DIR/package-lock.json"; then
    echo "validator already installed in $DIR"
    exit 0
fi
cp "$SRC/package.json" "$SRC/package-lock.json" "$DIR/"
cd "$DIR"
npm ci --no-audit --no-fund --loglevel=error
echo "validator installed in $DIR"
