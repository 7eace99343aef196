#!/usr/bin/env bash
# Here, before a device run: build what models/train/gpu.sh needs on a bare GPU machine into .gpu/
# (git-ignored; name it in the device tool's `carry`): the phantom CLI as one ES module (esbuild) and
# this project's Node binary, xz-compressed (25 MiB), in case that machine has no node.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p .gpu
npx esbuild src/cli/phantom.ts --bundle --platform=node --format=esm --target=node20 --external:esbuild \
  --banner:js="import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" \
  --outfile=.gpu/phantom.mjs --log-level=warning
NODE_BIN=node_modules/node/bin/node
[[ -x $NODE_BIN ]] || NODE_BIN=$(command -v node)
# NODE_XZ=0 skips it (tests: a minute of xz for a machine that has node).
if [[ ${NODE_XZ:-1} == 1 && ( ! -f .gpu/node.xz || $NODE_BIN -nt .gpu/node.xz ) ]]; then xz -T2 -6 -c "$NODE_BIN" > .gpu/node.xz; fi
bash models/train/generator-hash.sh > .gpu/generator.sha
ls -la .gpu
