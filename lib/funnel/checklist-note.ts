import type { PlaybookFact } from '../schemas';
import { funnelMessages } from '../i18n/messages/funnel';

/**
 * Reading back what a rep wrote in a note made from a checklist or a "find out" suggestion.
 * The prefill writes one `label: value` line per item (`actions.ts`, with "(to fill in)" for
 * the blanks); saving that template as it came leaves every item blank, and the suggestion
 * must say so instead of retiring. An item counts as written when its line (in English or
 * Chinese, either colon) carries a value other than the blank marker; indented or bulleted
 * lines under it continue its value.
 */

const BLANK_MARKERS = new Set(
  (['en', 'zh-CN'] as const).flatMap((locale) => {
    const marker = funnelMessages[locale].checklistMissing;
    return [marker, marker.replace(/^[(（]|[)）]$/g, '')];
  }),
);

const LINE = /^\s*(?:\d+\s*[.、)）]\s*|[-•*]\s*)?([^:：]{1,200})[:：](.*)$/;
const CONTINUATION = /^(?:\s+|\s*[-•*]\s)/;

function normalizeLabel(label: string): string {
  return label.replace(/\s+/g, ' ').trim().toLowerCase();
}

function labelIndex(facts: readonly PlaybookFact[]): Map<string, string> {
  const byLabel = new Map<string, string>();
  for (const fact of facts) {
    byLabel.set(normalizeLabel(fact.label.en), fact.key);
    byLabel.set(normalizeLabel(fact.label['zh-CN']), fact.key);
  }
  return byLabel;
}

function cleanValue(value: string): string | null {
  const trimmed = value.replace(/\s+/g, ' ').trim();
  if (trimmed === '' || BLANK_MARKERS.has(trimmed)) return null;
  return trimmed;
}

/** fact key → the value the note gives it, for the items it fills in; blank items are left out. */
export function filledChecklistValues(body: string, facts: readonly PlaybookFact[]): Map<string, string> {
  const byLabel = labelIndex(facts);
  const values = new Map<string, string[]>();
  let current: string | null = null;
  for (const line of body.split(/\r?\n/)) {
    const match = LINE.exec(line);
    const key = match ? byLabel.get(normalizeLabel(match[1]!)) : undefined;
    if (match && key !== undefined) {
      current = key;
      const parts = values.get(key) ?? [];
      parts.push(match[2]!);
      values.set(key, parts);
    } else if (current !== null && line.trim() !== '' && CONTINUATION.test(line)) {
      values.get(current)!.push(line);
    } else {
      current = null;
    }
  }
  const filled = new Map<string, string>();
  for (const [key, parts] of values) {
    const value = cleanValue(parts.filter((part) => cleanValue(part) !== null).join(' '));
    if (value !== null) filled.set(key, value);
  }
  return filled;
}

/** The labels of a note template's `label:` lines, as pseudo-facts to read a filled template back. */
function templateLines(fact: PlaybookFact): PlaybookFact[] {
  if (!fact.template) return [];
  const en = fact.template.en.split('\n');
  const zh = fact.template['zh-CN'].split('\n');
  const lines: PlaybookFact[] = [];
  en.forEach((line, index) => {
    const enLabel = LINE.exec(line)?.[1];
    const zhLabel = LINE.exec(zh[index] ?? '')?.[1];
    if (!enLabel) return;
    lines.push({ ...fact, key: `line${index}`, label: { en: enLabel, 'zh-CN': zhLabel ?? enLabel } });
  });
  return lines;
}

/**
 * The value a note made from "Find out: <fact>" wrote for it: its `label: value` line, or the
 * filled lines of the fact's own template; null when it was saved blank.
 */
export function filledFactValue(body: string, fact: PlaybookFact): string | null {
  const direct = filledChecklistValues(body, [fact]).get(fact.key);
  if (direct !== undefined) return direct;
  const lines = templateLines(fact);
  if (lines.length === 0) return null;
  const filled = filledChecklistValues(body, lines);
  const values = lines.filter((line) => filled.has(line.key)).map((line) => `${line.label.en.trim()}: ${filled.get(line.key)!}`);
  return values.length > 0 ? values.join('; ') : null;
}
