'use strict';
// npm write-file-atomic doing one durable replace of a file, timed by node itself (process.hrtime), in one
// long-running process so that node's start-up and module loading are never part of an operation's time.
//
//   node wfa-loop.js loop  <dir> <iterations> <warmup> <sizeBytes>
//       N replaces in a row after a warm-up; prints {"meanNs", "medianNs", ...} as one JSON line.
//   node wfa-loop.js serve <dir> <sizeBytes>
//       prints "ready <version> <node version>", then for every "op" line on stdin does one replace and prints the
//       nanoseconds it took; on "quit" checks the file's content and mode, removes it and exits. This lets a driver
//       interleave single write-file-atomic operations with its own.
const fs = require('fs');
const path = require('path');
const readline = require('readline');
const writeFileAtomic = require('write-file-atomic');
const version = require('write-file-atomic/package.json').version;

const [mode, dir, ...rest] = process.argv.slice(2);
const size = parseInt(mode === 'loop' ? rest[2] : rest[0], 10);
if (!dir || !(size > 0) || (mode !== 'loop' && mode !== 'serve')) {
  console.error('usage: node wfa-loop.js loop <dir> <iterations> <warmup> <sizeBytes> | serve <dir> <sizeBytes>');
  process.exit(2);
}

// The same ASCII payload as the .NET side: 'a'..'z' repeated, size bytes in UTF-8.
let text = '';
for (let i = 0; i < size; i++) text += String.fromCharCode(97 + (i % 26));

const target = path.join(dir, 'wfa-target.json');
fs.writeFileSync(target, text, { mode: 0o600 });
const options = { mode: 0o600, fsync: true };

function once() {
  const t0 = process.hrtime.bigint();
  writeFileAtomic.sync(target, text, options);
  return Number(process.hrtime.bigint() - t0);
}

function finish() {
  const check = fs.readFileSync(target, 'utf8');
  if (check !== text) { console.error('content mismatch'); process.exit(1); }
  const m = fs.statSync(target).mode & 0o777;
  if (m !== 0o600) { console.error('mode ' + m.toString(8) + ' instead of 600'); process.exit(1); }
  fs.unlinkSync(target);
}

if (mode === 'loop') {
  const n = parseInt(rest[0], 10);
  const warmup = parseInt(rest[1], 10);
  for (let i = 0; i < warmup; i++) once();
  const samples = new Array(n);
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) samples[i] = once();
  const total = Number(process.hrtime.bigint() - start);
  finish();
  samples.sort((a, b) => a - b);
  console.log(JSON.stringify({ tool: 'write-file-atomic', version, node: process.version, n,
    meanNs: total / n, medianNs: samples[Math.floor(n / 2)], p90Ns: samples[Math.floor(n * 0.9)] }));
} else {
  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  process.stdout.write(`ready ${version} ${process.version}\n`);
  rl.on('line', (line) => {
    if (line === 'op') {
      process.stdout.write(`${once()}\n`);
    } else if (line === 'quit') {
      finish();
      rl.close();
      process.stdout.write('bye\n', () => process.exit(0));
    }
  });
}
