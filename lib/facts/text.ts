/** Sentences and clauses with their UTF-16 offsets in the note. */

export interface Span {
  start: number;
  end: number;
  text: string;
}

/** Abbreviations whose period does not end a sentence. */
const ABBREVIATION = /(?:^|[\s(])(?:Dr|Drs|Mr|Mrs|Ms|St|vs|No|approx|Inc|Ltd|Co|Jr|Sr|e\.g|i\.e)$/i;

function trimmed(text: string, start: number, end: number): Span | null {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end, text: text.slice(start, end) } : null;
}

/** Sentences: split at 。！？；!?; newlines and at a period followed by a space or the end. */
export function sentencesOf(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    let boundary = /[。！？；!?;\n]/.test(char);
    if (char === '.' && (i + 1 === text.length || /\s/.test(text[i + 1]!)) && !ABBREVIATION.test(text.slice(Math.max(0, i - 8), i))) boundary = true;
    if (boundary) {
      const span = trimmed(text, start, char === '.' ? i : i);
      if (span) spans.push(span);
      start = i + 1;
    }
  }
  const last = trimmed(text, start, text.length);
  if (last) spans.push(last);
  return spans.flatMap((span) => (span.end - span.start > MAX_SENTENCE_CHARS ? pieces(text, span) : [span]));
}

/**
 * A sentence longer than this is a pasted table or log, not prose: it is read in pieces, so
 * that rules which look around each match within their sentence stay linear in the note.
 */
export const MAX_SENTENCE_CHARS = 600;

function pieces(text: string, span: Span): Span[] {
  const out: Span[] = [];
  let start = span.start;
  while (start < span.end) {
    let end = Math.min(span.end, start + MAX_SENTENCE_CHARS);
    if (end < span.end) {
      // Cut after the last comma or space of the window when there is one.
      const window = text.slice(start, end);
      const cut = Math.max(window.lastIndexOf('，'), window.lastIndexOf(','), window.lastIndexOf(' '));
      if (cut > MAX_SENTENCE_CHARS / 2) end = start + cut + 1;
    }
    const piece = trimmed(text, start, end);
    if (piece) out.push(piece);
    start = end;
  }
  return out;
}

/** Clauses of a span: split at commas (full- and half-width) and dashes between words. */
export function clausesOf(span: Span, separators = /[，,]|\s[—–-]\s/g): Span[] {
  const spans: Span[] = [];
  let start = 0;
  separators.lastIndex = 0;
  for (let m = separators.exec(span.text); m; m = separators.exec(span.text)) {
    // A comma between digits is a thousands separator.
    if (m[0] === ',' && /\d/.test(span.text[m.index - 1] ?? '') && /\d{3}/.test(span.text.slice(m.index + 1, m.index + 4))) continue;
    const part = trimmed(span.text, start, m.index);
    if (part) spans.push({ start: span.start + part.start, end: span.start + part.end, text: part.text });
    start = m.index + m[0].length;
  }
  const part = trimmed(span.text, start, span.text.length);
  if (part) spans.push({ start: span.start + part.start, end: span.start + part.end, text: part.text });
  return spans;
}

const TRAIL_WINDOW = 48;

/** Narrows [start, end) of `text` past leading/trailing characters matched by the patterns. */
export function narrow(text: string, start: number, end: number, leading: RegExp, trailing: RegExp): { start: number; end: number } {
  for (let changed = true; changed && start < end; ) {
    changed = false;
    const head = leading.exec(text.slice(start, end));
    if (head && head.index === 0 && head[0].length > 0) {
      start += head[0].length;
      changed = true;
    }
    // Trailing filler is short: matching it on the last characters only keeps this linear.
    const window = text.slice(Math.max(start, end - TRAIL_WINDOW), end);
    const tail = trailing.exec(window);
    if (tail && tail.index + tail[0].length === window.length && tail[0].length > 0) {
      end -= tail[0].length;
      changed = true;
    }
  }
  return { start, end };
}
