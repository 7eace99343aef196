/**
 * `npm run bench -- pytorch`: PyTorch's latency for the same network on this machine
 * (models/train/forward_latency.py, Debian's python3-torch), the reference for `bench model` and
 * `bench browser`: forward pass and forward + input gradient, batch 1, at 1 and 2 threads. Without a
 * Python that has torch it says so in one line and skips; it is a measurement, not a test.
 */
import { spawnSync } from 'node:child_process';

const PYTHON = process.env['PYTHON'] ?? '/usr/bin/python3';

export async function run(): Promise<void> {
  const probe = spawnSync(PYTHON, ['-c', 'import torch, torchvision'], { stdio: 'ignore' });
  if (probe.status !== 0) {
    console.log(`bench pytorch: skipped, ${PYTHON} cannot import torch and torchvision (apt-get install python3-torch python3-torchvision)`);
    return;
  }
  const r = spawnSync(PYTHON, ['forward_latency.py'], { cwd: 'models/train', stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`bench pytorch: forward_latency.py exited with ${r.status}`);
}
