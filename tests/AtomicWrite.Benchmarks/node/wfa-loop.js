'use strict';
// Times N durable replaces of one file with write-file-atomic's sync API, inside one long-running
// node process, so that node's start-up and module loading are not charged to the operation.
// Usage: node wfa-loop.js <dir> <iterations> <warmup> <sizeBytes>
// Prints one JSON line: {"tool":"write-file-atomic","version":...,"n":...,"meanNs":...,"medianNs":...,"p90Ns":...}
const fs = require('fs');
const path = require('path');
const writeFileAtomic = require('write-file-atomic');

const [dir, nArg, warmArg, sizeArg] = process.argv.slice(2);
const n = parseInt(nArg, 10);
const warmup = parseInt(warmArg, 10);
const size = parseInt(sizeArg, 10);
if (!dir || !(n > 0) || !(warmup >= 0) || !(size > 0)) {
  console.error('usage: node wfa-loop.js <dir> <iterations> <warmup> <sizeBytes>');
  process.exit(2);
}

// The same ASCII payload the .NET loop writes: 'a'..'z' repeated, size bytes in UTF-8.
let text = '';
for (let i = 0; i < size; i++) text += String.fromCharCode(97 + (i % 26));

const target = path.join(dir, 'wfa-target.json');
fs.writeFileSync(target, text, { mode: 0o600 });
const options = { mode: 0o600, fsync: true };

for (let i = 0; i < warmup; i++) writeFileAtomic.sync(target, text, options);

const samples = new Array(n);
const start = process.hrtime.bigint();
for (let i = 0; i < n; i++) {
  const t0 = process.hrtime.bigint();
  writeFileAtomic.sync(target, text, options);
  samples[i] = Number(process.hrtime.bigint() - t0);
}
const total = Number(process.hrtime.bigint() - start);

const check = fs.readFileSync(target, 'utf8');
if (check !== text) { console.error('content mismatch after the loop'); process.exit(1); }
const mode = fs.statSync(target).mode & 0o777;
if (mode !== 0o600) { console.error('mode ' + mode.toString(8) + ' instead of 600'); process.exit(1); }
fs.unlinkSync(target);

samples.sort((a, b) => a - b);
const version = require('write-file-atomic/package.json').version;
console.log(JSON.stringify({
  tool: 'write-file-atomic',
  version,
  node: process.version,
  n,
  meanNs: total / n,
  medianNs: samples[Math.floor(n / 2)],
  p90Ns: samples[Math.floor(n * 0.9)],
}));
