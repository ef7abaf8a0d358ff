import { DatasetGenerator, planDataset } from '../../bench/browser/generate';
import { lookupDocOfRow } from '../../lib/db/lookup';
import { toRow } from '../../lib/db/derived';
import { buildLookupIndex, LookupIndex, type LookupDoc } from '../../lib/lookup/search-index';
import { STAGES } from '../../lib/schemas/enums';
const N = Number(process.argv[2] ?? 10000);
const g = new DatasetGenerator(planDataset({ accounts: N, contacts: N * 3, activities: 0, bigAccounts: 20, bigAccountActivities: 0 }));
const docs: Record<'account' | 'contact' | 'deal', LookupDoc[]> = { account: [], contact: [], deal: [] };
for (let i = 0; i < N; i++) {
  docs.account.push(lookupDocOfRow('account', toRow('account', g.account(i).record) as never)!);
  for (let c = 0; c < 3; c++) docs.contact.push(lookupDocOfRow('contact', toRow('contact', g.contact(i)) as never)!);
  if (i % 2 === 0) docs.deal.push(lookupDocOfRow('deal', toRow('deal', g.deal(i)) as never)!);
}
const t0 = performance.now();
const snap = await buildLookupIndex(docs, { stageNames: [...STAGES], changeSeq: 0 });
console.log('build ms', Math.round(performance.now() - t0));
let total = 0;
for (const [kind, shard] of Object.entries(snap.shards)) {
  const parts = Object.entries(shard).filter(([, v]) => ArrayBuffer.isView(v)).map(([k, v]) => [k, (v as ArrayBufferView).byteLength] as const);
  const sum = parts.reduce((s, [, b]) => s + b, 0) + shard.count;
  total += sum;
  console.log(kind, shard.count, 'entries', shard.tokenPos.length, (sum / 1e6).toFixed(2), 'MB', parts.map(([k, b]) => `${k}=${(b / 1e6).toFixed(2)}`).join(' '));
}
console.log('total MB', (total / 1e6).toFixed(2), 'x', 100000 / N, '=', ((total * 100000) / N / 1e6).toFixed(1), 'MB');
const idx = new LookupIndex(snap);
console.log(idx.memory().typedArrayBytes / 1e6);
import { lookupQueries } from '../../bench/browser/generate';
const qs = lookupQueries();
const prefixes = qs.flatMap((q) => { const c = Array.from(q); return c.map((_, i) => c.slice(0, i + 1).join('')).filter((p) => p.trim()); });
for (let round = 0; round < 3; round++) {
  const times: number[] = [];
  for (const p of prefixes) { const s = performance.now(); idx.search(p); times.push(performance.now() - s); }
  times.sort((a, b) => a - b);
  console.log('round', round, 'n', times.length, 'p50', times[Math.floor(times.length / 2)]!.toFixed(2), 'p95', times[Math.floor(times.length * 0.95)]!.toFixed(2), 'max', times.at(-1)!.toFixed(2));
}
if (process.argv[3] === 'prof') {
  const { Session } = await import('node:inspector/promises');
  const session = new Session(); session.connect();
  await session.post('Profiler.enable'); await session.post('Profiler.start');
  for (let r = 0; r < 5; r++) for (const p of prefixes) idx.search(p);
  const { profile } = await session.post('Profiler.stop');
  const self = new Map<string, number>();
  const dt = profile.timeDeltas!; const samples = profile.samples!;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  samples.forEach((id, i) => { const n = byId.get(id)!; const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0)); });
  console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${(v / 1000).toFixed(1)}ms ${k}`).join('\n'));
}
