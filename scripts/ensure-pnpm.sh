# Sourced by up.sh and test.sh: a fresh machine has Node and npm only. corepack's
# signature check fails against the registry here, so pnpm comes from npm.
if ! command -v pnpm >/dev/null 2>&1; then
  echo "installing pnpm@10 with npm..." >&2
  npm install --global --silent pnpm@10 >&2
fi
