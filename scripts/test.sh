#!/usr/bin/env bash
# The test command (README's second command; .ci/run calls exactly this): installs what the tests
# need from Debian's packages when missing (PostgreSQL for the team-store tests, Chromium and
# ChromeDriver for the browser tests), then runs every unit and end-to-end test.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
if ((${#missing[@]})); then
  echo "installing test prerequisites: ${missing[*]}"
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

mvn -B verify
