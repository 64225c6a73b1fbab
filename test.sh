#!/usr/bin/env bash
# The test command: installs what the tests need on a fresh machine, then runs every test in the solution.
set -euo pipefail
cd "$(dirname "$0")"
dotnet test OAuth1Gen.sln "$@"
