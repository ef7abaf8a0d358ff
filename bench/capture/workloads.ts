/**
 * The capture benchmarks' work, written to run unchanged in Node (fake-indexeddb, jsdom) and
 * in Chromium (real IndexedDB, real DOM): the CSV import of 50k rows and page-context
 * extraction on a large webmail page. bench/capture/browser-entry.ts exposes these to a page.
 */
import type { SidenoteDb } from '../../lib/db/database';
import { importCsvTable, reviewCsvImport, type CsvImportResult } from '../../lib/db/import-export';
import { extractPageContext } from '../../lib/context/extract';
import { parseCsvText } from '../../lib/import/csv';
import { decodeCsvBytes } from '../../lib/import/decode';
import { suggestMapping } from '../../lib/import/fields';

/** A deterministic pseudo-random sequence, so every run imports the same file. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', 'Smith', 'Garcia', 'Müller', 'Tanaka', 'Kim'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', 'Anna', 'Ben', 'Chloé', 'Dev', 'Eva'];
const INDUSTRIES = ['制造', '零售', '金融', '医疗', 'SaaS', 'Logistics', 'Energy', '教育'];
const STAGES = ['线索', '商机', '方案', '谈判', 'Proposal', 'Qualified'];
const TITLES = ['采购经理', 'IT 总监', 'CTO', 'Head of Operations', '销售总监', 'CFO', '工程师'];

/**
 * A spreadsheet as reps keep one: company, website, contact, deal, in Chinese headers; about
 * one company per five rows, every contact distinct, a deal on every third row, and one row
 * in two hundred with a bad email so the error path is exercised too.
 */
export function generateImportCsv(rows: number, seed = 42): string {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const companies = Math.max(1, Math.floor(rows / 5));
  const lines = ['公司名称,官网,行业,联系人,邮箱,电话,职位,商机名称,金额,阶段,预计成交日期'];
  for (let i = 0; i < rows; i++) {
    const company = Math.floor(random() * companies);
    const domain = `company-${company}.com.cn`;
    const name = `${pick(SURNAMES)}${pick(GIVEN)}`;
    const email = i % 200 === 199 ? `broken-address-${i}` : `p${i}@${domain}`;
    // A company's and a deal's facts are the same on every row that repeats them, as in a real sheet.
    const dealKey = (company * 7 + (i % 7)) >>> 0;
    const deal = i % 3 === 0 ? `项目 ${company}-${i % 7}` : '';
    const amount = deal ? `${(dealKey * 37) % 500}万` : '';
    const month = String(1 + (dealKey % 12)).padStart(2, '0');
    lines.push(
      [
        `公司 ${company} 有限公司`, `https://www.${domain}/`, INDUSTRIES[company % INDUSTRIES.length], name, email, `138${String(i).padStart(8, '0')}`,
        pick(TITLES), deal, amount, deal ? STAGES[dealKey % STAGES.length] : '', deal ? `2026-${month}-15` : '',
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

export interface ImportRun {
  rows: number;
  decodeParseMs: number;
  /** The preview the rep sees before importing: the same planning over the store, no writes. */
  reviewMs: number;
  importMs: number;
  totalMs: number;
  progressEvents: number;
  result: CsvImportResult;
}

/**
 * Bytes in, records stored, as the options page does it: decode, parse, suggest the mapping,
 * preview (what would change, conflicts, bad cells), then import with progress. `totalMs`
 * is decode + parse + import, the number measured before the preview existed; the preview is
 * reported on its own.
 */
export async function runImportWork(db: SidenoteDb, bytes: Uint8Array, options: { batchSize?: number } = {}): Promise<ImportRun> {
  const start = performance.now();
  const table = parseCsvText(decodeCsvBytes(bytes).text);
  const mapping = suggestMapping(table.header);
  const parsed = performance.now();
  await reviewCsvImport(db, table, mapping, { ownerId: 'bench-rep', defaultCurrency: 'CNY', batchSize: options.batchSize });
  const reviewed = performance.now();
  let progressEvents = 0;
  const result = await importCsvTable(db, table, mapping, {
    ownerId: 'bench-rep',
    defaultCurrency: 'CNY',
    batchSize: options.batchSize,
    onProgress: () => {
      progressEvents++;
    },
  });
  const end = performance.now();
  return { rows: table.rows.length, decodeParseMs: parsed - start, reviewMs: reviewed - parsed, importMs: end - reviewed, totalMs: parsed - start + (end - reviewed), progressEvents, result };
}

const LOREM = '感谢您的来信，关于试点范围我们内部已经讨论过。We reviewed the pilot scope internally and would like to align on pricing, rollout dates and the support model before signing. ';

/** Gmail wraps everything in deep stacks of anonymous divs; the walk has to get through them. */
const nest = (depth: number, inner: string) => `${'<div class="nH">'.repeat(depth)}${inner}${'</div>'.repeat(depth)}`;

/**
 * A Gmail page at its heaviest: a 200-row inbox list and 300 labels beside an open 60-message
 * thread, 20 messages expanded with long bodies, quoted history and signatures, all inside
 * Gmail's deep div nesting, plus the megabyte of inline script data Gmail ships: about 2.1 MB.
 */
export function generateLargeWebmailHtml(): string {
  const inbox = Array.from(
    { length: 200 },
    (_, i) =>
      `<tr class="zA yO"><td class="oZ-x3"><div class="oZ-jc T-Jo J-J5-Ji" role="checkbox" aria-label="Select"></div></td><td class="yX xY">${nest(4, `<div class="yW"><span class="bA4"><span email="sender${i}@vendor-${i}.com" name="Sender ${i}" class="zF">Sender ${i}</span></span></div>`)}</td><td class="xY a4W">${nest(5, `<span class="bog"><span>Subject line number ${i} about renewals</span></span><span class="y2"> - ${LOREM.slice(0, 140)}</span>`)}</td><td class="xW xY"><span title="Mar 12">Mar 12</span></td></tr>`,
  ).join('');
  const messages = Array.from({ length: 60 }, (_, i) => {
    const newest = i === 59;
    const sender = i % 2 === 0 ? `<span class="gD" email="buyer${i % 6}@acme-robotics.com.cn" name="Buyer ${i % 6}">Buyer ${i % 6}</span>` : '<span class="gD" email="rep@mycorp.com" name="me">me</span>';
    const recipients = `<span class="hb">to <span class="g2" email="rep@mycorp.com" name="me">me</span>, <span class="g2" email="cfo@acme-robotics.com.cn" name="CFO">CFO</span>, <span class="g2" email="legal@acme-robotics.com.cn" name="Legal">Legal</span></span>`;
    const body = Array.from({ length: newest ? 60 : 20 }, () => `<div dir="ltr">${LOREM}</div>`).join('');
    const quote = `<div class="gmail_quote"><blockquote class="gmail_quote">${nest(6, LOREM.repeat(newest ? 200 : 120))}</blockquote></div>`;
    const signature = `<div class="gmail_signature">Buyer ${i % 6} | <a href="mailto:buyer${i % 6}@acme-robotics.com.cn">buyer${i % 6}@acme-robotics.com.cn</a> | <a href="tel:+86 21 5555 01${String(i % 6).padStart(2, '0')}">+86 21 5555 01${String(i % 6).padStart(2, '0')}</a></div>`;
    const id = 1790000000000000000n + BigInt(i);
    if (i < 40) return `<div role="listitem">${nest(6, `<div class="kv" data-message-id="#msg-f:${id}"><div class="gs">${sender.replace('class="gD"', 'class="zF"')}<span class="y2">${LOREM.slice(0, 120)}</span></div></div>`)}</div>`;
    return `<div role="listitem">${nest(8, `<div class="adn ads" data-message-id="#msg-f:${id}"><div class="gE iv gt">${nest(4, `<h3 class="iw"><span class="qu">${sender}</span></h3><div class="iw ajw">${recipients}</div>`)}</div><div class="a3s aiL">${body}${quote}${signature}</div></div>`)}</div>`;
  }).join('');
  const labels = Array.from({ length: 300 }, (_, i) => nest(3, `<div class="aim"><a href="#label/L${i}" class="J-Ke n0" aria-label="Label ${i}">Label ${i}</a></div>`)).join('');
  const scriptData = JSON.stringify(Array.from({ length: 8000 }, (_, i) => [i, `thread-${i}`, LOREM.slice(0, 200)]));
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Re: Pilot pricing - rep@mycorp.com - Gmail</title><script>var GM_DATA=${scriptData};</script></head><body>
<div role="navigation">${labels}</div>
<div class="nH" role="main">${nest(6, `<div class="nH if"><div class="ha"><h2 class="hP" data-thread-perm-id="thread-f:1790422511230011111" data-legacy-thread-id="18d8dbc9b3ba46e7">Re: Pilot pricing</h2></div><div role="list">${messages}</div></div>`)}</div>
<div class="aeH">${nest(6, `<table class="F cf zt"><tbody>${inbox}</tbody></table>`)}</div>
</body></html>`;
}

export const LARGE_WEBMAIL_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmknbDXKPdrmPPXMsBpx';

/** Times `runs` extractions of the same document after a few warm-up runs. */
export function runExtractWork(doc: Document, runs: number, url = LARGE_WEBMAIL_URL): { samples: number[]; participants: number; emails: number } {
  for (let i = 0; i < 5; i++) extractPageContext(doc, url, null);
  const samples: number[] = [];
  let last = extractPageContext(doc, url, null);
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    last = extractPageContext(doc, url, null);
    samples.push(performance.now() - start);
  }
  return { samples, participants: last.webmail?.participants.length ?? 0, emails: last.emails.length };
}
