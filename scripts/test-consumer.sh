#!/usr/bin/env bash
# meshfed as a package user gets it: packs this repository, installs the tarball into a scratch copy of
# examples/consumer (a program that creates two clusters and federates them), typechecks that program
# strictly and runs its tests. Dependencies come from the npm cache when it holds them (--prefer-offline),
# so the script runs without a network once they have been fetched.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "packing meshfed (prepack builds dist/)"
tarball="$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -n 1)"
mkdir -p "$work/examples"
cp -R "$root/examples/consumer" "$work/examples/consumer"
rm -rf "$work/examples/consumer/node_modules"
cd "$work/examples/consumer"
# The example names the tarball of the current version; point it at the one just packed, whatever its version.
npm pkg set "dependencies.meshfed=file:../../$tarball"
echo "installing $tarball and the example's dependencies"
npm install --no-save --prefer-offline --no-audit --no-fund --loglevel=error
echo "typechecking (strict)"
npx --no-install tsc --noEmit -p .
echo "testing"
npm test --silent
