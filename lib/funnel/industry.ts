/** Industry names as success cases match them; kept small, because the database module loads it at first paint. */

/**
 * The key industries match on: case and spacing ignored ("Retail", " retail ", "RE TAIL",
 * full-width spaces). The database indexes the same key (`industryKey`, schema v6), so the
 * read and the ranking agree. '' for none.
 */
export function industryKeyOf(industry: string | null | undefined): string {
  return (industry ?? '').normalize('NFKC').toLowerCase().replace(/[\s\u3000]+/g, '');
}

function bigrams(text: string): string[] {
  const chars = Array.from(text);
  if (chars.length < 2) return chars;
  return chars.slice(1).map((char, index) => `${chars[index]}${char}`);
}

/** How alike two industry keys are, 0–1: one inside the other counts high, else shared letter pairs. */
export function industrySimilarity(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  if (a.includes(b) || b.includes(a)) return 0.5 + (0.5 * Math.min(a.length, b.length)) / Math.max(a.length, b.length);
  const left = bigrams(a);
  const right = new Map<string, number>();
  for (const pair of bigrams(b)) right.set(pair, (right.get(pair) ?? 0) + 1);
  let shared = 0;
  for (const pair of left) {
    const count = right.get(pair) ?? 0;
    if (count > 0) {
      shared++;
      right.set(pair, count - 1);
    }
  }
  return (2 * shared) / (left.length + bigrams(b).length);
}

/** Below this, two industries are not alike enough to suggest one for the other. */
export const CLOSEST_INDUSTRY_MIN_SIMILARITY = 0.3;

/** Industry keys ranked by likeness to `target`, the alike-enough ones only, best first (ties by key). */
export function rankIndustries(target: string, candidates: readonly string[]): string[] {
  const key = industryKeyOf(target);
  return candidates
    .filter((candidate) => candidate !== '' && candidate !== key)
    .map((candidate) => ({ candidate, score: industrySimilarity(key, candidate) }))
    .filter((entry) => entry.score >= CLOSEST_INDUSTRY_MIN_SIMILARITY)
    .sort((a, b) => b.score - a.score || (a.candidate < b.candidate ? -1 : 1))
    .map((entry) => entry.candidate);
}
