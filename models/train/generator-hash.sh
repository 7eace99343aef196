#!/usr/bin/env bash
# Prints the phantom generator's version: a hash of the sources that decide a shard's bytes. train.sh
# stores it beside each data set; gpu-prepare.sh beside the bundle it builds, which gpu.sh checks.
set -euo pipefail
cd "$(dirname "$0")/../.."
cat src/phantom/*.ts src/cli/phantom.ts src/cli/invesalius.ts src/cli/cthead.ts src/ct/components.ts | sha256sum | cut -c1-16
