#!/usr/bin/env bash
# Re-create src/crimegraph/serve/static/vendor/yasgui from the npm registry (run by hand
# when upgrading YASGUI; nothing here runs at build or run time). See web/README.md.
set -euo pipefail
version="${1:-4.6.2}"
here="$(cd "$(dirname "$0")" && pwd)"
target="$here/../src/crimegraph/serve/static/vendor/yasgui"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "@zazuko/yasgui@$version" >/dev/null && tar xzf "zazuko-yasgui-$version.tgz")
cp "$work/package/build/yasgui.min.js" "$work/package/build/yasgui.min.css" "$work/package/package.json" "$target/"
sha256sum "$work/zazuko-yasgui-$version.tgz" "$target"/yasgui.min.* "$target/package.json"
