#!/usr/bin/env bash
# The test command: installs what the tests need on a fresh machine, then runs every test in the solution.
set -euo pipefail
cd "$(dirname "$0")"

# The browser tests (tests/OAuth1.AspNetCore.Tests) drive Debian's Chromium at /usr/bin/chromium headless through
# Playwright's ExecutablePath; no test tool downloads a browser of its own. The Redis nonce store tests
# (tests/OAuth1.Redis.Tests) start Debian's /usr/bin/redis-server themselves, on a free loopback port, and stop it.
# Install whichever is missing.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "test.sh: installing Debian's ${missing[*]} package(s) for the tests (missing from /usr/bin)" >&2
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "test.sh: installing ${missing[*]} needs root (or sudo): apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  "${as_root[@]}" apt-get update
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

dotnet test OAuth1Gen.sln "$@"
