// Reports the sidebar's initial JavaScript (what sidepanel.html loads before it can run),
// gzipped, and which packages it is made of, from the build's source maps.
// Usage: SIDENOTE_SOURCEMAP=1 npx wxt build && node scripts/bundle-report.mjs [--json out.json]
import { readFile, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { SourceMapConsumer } from 'source-map-js';

const outDir = path.resolve(process.argv.includes('--dir') ? process.argv[process.argv.indexOf('--dir') + 1] : '.output/chrome-mv3');
const html = await readFile(path.join(outDir, 'sidepanel.html'), 'utf8');

// The entry script plus every chunk it imports statically (modulepreload links and imports).
const scripts = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+)"/g)].map((m) => m[1].replace(/^\//, ''));
const seen = new Set();
const queue = [...scripts];
while (queue.length) {
  const file = queue.shift();
  if (seen.has(file)) continue;
  seen.add(file);
  const code = await readFile(path.join(outDir, file), 'utf8');
  for (const m of code.matchAll(/(?:^|[;\s])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g)) {
    queue.push(path.posix.join(path.posix.dirname(file), m[1]));
  }
}

let totalRaw = 0;
let totalGzip = 0;
const byPackage = new Map();
for (const file of seen) {
  const code = await readFile(path.join(outDir, file), 'utf8');
  totalRaw += Buffer.byteLength(code);
  totalGzip += gzipSync(code, { level: 9 }).length;
  let map;
  try {
    map = JSON.parse(await readFile(path.join(outDir, `${file}.map`), 'utf8'));
  } catch {
    continue;
  }
  const consumer = new SourceMapConsumer(map);
  const lines = code.split('\n');
  let previous = null;
  consumer.eachMapping((mapping) => {
    if (previous) {
      const line = lines[previous.generatedLine - 1] ?? '';
      const end = mapping.generatedLine === previous.generatedLine ? mapping.generatedColumn : line.length;
      const bytes = Math.max(0, end - previous.generatedColumn);
      const source = previous.source ?? '(unmapped)';
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
      const key = match ? match[1] : source.includes('/lib/') ? 'sidenote: lib' : source.includes('/components/') ? 'sidenote: components' : source.includes('/entrypoints/') ? 'sidenote: entrypoints' : 'other';
      byPackage.set(key, (byPackage.get(key) ?? 0) + bytes);
    }
    previous = mapping;
  });
}

const rows = [...byPackage.entries()].sort((a, b) => b[1] - a[1]);
console.log(`Sidebar initial JS: ${[...seen].join(', ')}`);
console.log(`  raw ${(totalRaw / 1024).toFixed(1)} KB, gzipped ${(totalGzip / 1024).toFixed(1)} KB`);
for (const [name, bytes] of rows.slice(0, 15)) console.log(`  ${name.padEnd(28)} ${(bytes / 1024).toFixed(1).padStart(7)} KB raw`);
const jsonIndex = process.argv.indexOf('--json');
if (jsonIndex > 0) {
  await writeFile(process.argv[jsonIndex + 1], JSON.stringify({ files: [...seen], rawBytes: totalRaw, gzipBytes: totalGzip, byPackage: Object.fromEntries(rows) }, null, 2));
}
