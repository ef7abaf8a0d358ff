import { domainSchema, emailSchema } from '../schemas';

/**
 * Parses the never-log list as the rep typed it, one entry per line. Each entry must be a
 * domain or an address; the first bad line is named so the rep can fix exactly that.
 */
export function parseNeverLogList(text: string): { ok: true; entries: string[] } | { ok: false; invalid: string } {
  const entries: string[] = [];
  for (const line of text.split(/\r?\n|,|，/)) {
    const entry = line.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
    if (!entry) continue;
    const valid = entry.includes('@') ? emailSchema.safeParse(entry).success : domainSchema.safeParse(entry).success;
    if (!valid) return { ok: false, invalid: line.trim() };
    if (!entries.includes(entry)) entries.push(entry);
  }
  return { ok: true, entries };
}
