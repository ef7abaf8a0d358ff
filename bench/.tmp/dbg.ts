import { buildLookupIndex, LookupIndex, type LookupDoc } from '../../lib/lookup/search-index';
const docs: LookupDoc[] = ['Acme Robotics', 'Apex Labs', 'Alpha, Inc', 'Beta Corp', '阿里巴巴网络技术有限公司'].map((name, i) => ({ kind: 'account', id: `0191c7a0-0000-7000-8000-00000000000${i}`, name, domains: [`d${i}.com`], email: null, phone: null, accountId: null, stage: 'lead', updatedAt: i }));
const snap = await buildLookupIndex({ account: docs, contact: [], deal: [] }, { stageNames: ['lead'], changeSeq: 0 });
console.log(snap.shards.account.tokenLen.length, [...snap.shards.account.tokenPos].map((v) => `${(v & 0x7fffffff) >>> 7}/${v & 127}/${v >>> 31}`).join(' '));
const idx = new LookupIndex(snap);
for (const q of ['a', 'ac', 'alpha', 'acmer', '技术', 'd1']) console.log(q, idx.search(q).map((h) => h.name));
