#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian machine with Python 3.11 and
# Java 17: the Debian packages (the OWL API that Protégé uses, headless Chromium for the
# report and endpoint tests, Graphviz for the class diagram of the ontology's documentation)
# and the project with its test extras in .venv/.
# Idempotent: what is already installed is not installed again.
set -euo pipefail
cd "$(dirname "$0")/.."

debs=(openjdk-17-jdk-headless libowlapi-java chromium chromium-driver graphviz)
missing=()
for pkg in "${debs[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
