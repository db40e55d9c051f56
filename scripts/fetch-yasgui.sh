#!/usr/bin/env bash
# Fetches YASGUI (the npm package @zazuko/yasgui, MIT) with npm and copies its built browser
# bundle into the package data, src/labourgraph/publish/static/yasgui/, so that
# `labourgraph serve` shows YASGUI at /sparql with nothing fetched from a CDN, and the wheel
# ships it (pyproject.toml's package-data).
#
# The copied files are committed, so a fresh clone (and `pip install .`) has them without npm;
# run this script again only to change the version. The tarball is checked against the
# integrity pinned below before anything is copied, and SOURCE.txt records the version and the
# SHA-256 of each copied file (tests/publish/test_serve_yasgui.py checks them).
#
# Usage: scripts/fetch-yasgui.sh          (fetch and copy)
#        scripts/fetch-yasgui.sh --check  (exit 1 unless the copied files match SOURCE.txt)
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGE="@zazuko/yasgui"
VERSION="4.6.2"
INTEGRITY="sha512-Zw45KdPoAE1KRaAoxIHdQqeJxvaVG1oQdntw0hy0ktX35Zu8ZccuOLrXCLwR+GU+0xMzLw8Mjw6BkSZV2vUuQw=="
FILES=(yasgui.min.js yasgui.min.css)
DEST="src/labourgraph/publish/static/yasgui"

if [ "${1:-}" = "--check" ]; then
  (cd "$DEST" && grep -E '^[0-9a-f]{64}  ' SOURCE.txt | sha256sum --check --quiet)
  exit $?
fi

command -v npm >/dev/null || { echo "fetch-yasgui: npm is not installed (apt-get install npm)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# `npm pack` downloads the published tarball alone (the bundle needs no dependency: it is a
# self-contained UMD build) and checks it against the registry's integrity; we check it
# against ours too, so a republished version cannot slip in.
(cd "$work" && npm pack --silent "$PACKAGE@$VERSION" >/dev/null)
tarball="$(ls "$work"/*.tgz)"
actual="$(node -e 'const c = require("crypto"), f = require("fs");
process.stdout.write("sha512-" + c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"));' "$tarball")"
if [ "$actual" != "$INTEGRITY" ]; then
  echo "fetch-yasgui: $PACKAGE@$VERSION has integrity $actual, expected $INTEGRITY" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$work"

mkdir -p "$DEST"
for file in "${FILES[@]}"; do
  cp "$work/package/build/$file" "$DEST/$file.tmp"
  mv "$DEST/$file.tmp" "$DEST/$file"
done
{
  echo "YASGUI, the browser bundle of the npm package $PACKAGE $VERSION"
  echo "(tarball integrity $INTEGRITY), copied by scripts/fetch-yasgui.sh."
  echo "Licence: MIT (package.json of $PACKAGE); authors: Triply and Zazuko GmbH;"
  echo "source: https://github.com/rdfjs/Yasgui. The bundle includes its dependencies"
  echo "(CodeMirror, DataTables and others) under their own permissive licences."
  echo
  (cd "$DEST" && sha256sum "${FILES[@]}")
} > "$DEST/SOURCE.txt.tmp"
mv "$DEST/SOURCE.txt.tmp" "$DEST/SOURCE.txt"
echo "copied $PACKAGE@$VERSION into $DEST (${FILES[*]})"
