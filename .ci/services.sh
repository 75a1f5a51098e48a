#!/usr/bin/env bash
# Install the Debian packages that the tests marked `service` need (idempotent).
# Virtuoso is started by the tests themselves (tests/conftest.py: own ini, own database
# folder, loopback ports), so nothing is started here. Chromium and its driver are for the
# end-to-end test of `crimegraph serve`'s page (tests/test_serve_browser.py), which starts
# them headless itself; nothing is downloaded at test time. Java and Debian's OWL API are for
# the ontology's OWL 2 DL profile check and its reasoner (tests/rdf/test_ontology_owl.py:
# the OWL API through JPype, HermiT as shipped in owlready2; both from the test extra).
set -euo pipefail

packages=(raptor2-utils virtuoso-opensource chromium chromium-driver default-jre-headless libowlapi-java)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if ((${#missing[@]})); then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}"
fi

command -v virtuoso-t >/dev/null && command -v isql-vt >/dev/null
test -f /etc/virtuoso-opensource-7/virtuoso.ini
test -x /usr/bin/chromium && test -x /usr/bin/chromedriver
command -v rapper >/dev/null
command -v java >/dev/null && test -f /usr/share/java/owlapi-distribution.jar
echo "services: ${packages[*]} installed"
