#!/usr/bin/env bash
# The test command: installs what the tests need on a fresh machine, then runs every test in the solution.
set -euo pipefail
cd "$(dirname "$0")"

# The browser tests (tests/OAuth1.AspNetCore.Tests) drive Debian's Chromium at /usr/bin/chromium headless through
# Playwright's ExecutablePath; no test tool downloads a browser of its own. Install it when it is missing.
if [ ! -x /usr/bin/chromium ]; then
  echo "test.sh: /usr/bin/chromium is missing; installing Debian's chromium package for the browser tests" >&2
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "test.sh: installing chromium needs root (or sudo): apt-get update && apt-get install -y chromium" >&2
    exit 1
  fi
  "${as_root[@]}" apt-get update
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi

dotnet test OAuth1Gen.sln "$@"
