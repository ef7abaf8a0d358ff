/**
 * What a webmail message says and when it was sent, read from the page: its own text with
 * quoted replies left out, and its header date in the formats Gmail and Outlook print.
 */
import { cutText } from '../../schemas/text';

const ELEMENT_NODE = 1;

/** Quoted earlier mail inside a message, one entry per client that quotes this way. */
const QUOTED = [
  // Gmail: "On Mon, … wrote:" and the quote under it.
  '.gmail_quote',
  // Outlook: the reply header ("From: … Sent: …") and the original below it.
  '#divRplyFwdMsg',
  '#appendonsend',
  // Any client: a blockquote is someone else's words.
  'blockquote',
].join(', ');

const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'SVG']);
const BLOCK_TAGS = new Set(['DIV', 'P', 'LI', 'TR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'UL', 'OL', 'BLOCKQUOTE', 'SECTION', 'ARTICLE']);

/** A message's own text, lines kept, quotes and hidden parts left out, at most `maxCharacters`. */
export function messageText(root: Element, maxCharacters: number): string {
  const parts: string[] = [];
  let length = 0;
  const walk = (node: Node): void => {
    if (length >= maxCharacters) return;
    if (node.nodeType === ELEMENT_NODE) {
      const element = node as Element;
      if (SKIPPED_TAGS.has(element.tagName) || element.matches(QUOTED)) return;
      if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return;
      if (element.tagName === 'BR') {
        parts.push('\n');
        return;
      }
      const block = BLOCK_TAGS.has(element.tagName);
      if (block) parts.push('\n');
      for (let child = element.firstChild; child; child = child.nextSibling) walk(child);
      if (block) parts.push('\n');
      return;
    }
    // Line breaks in the markup are formatting, not the writer's: only <br> and blocks break lines.
    const value = node.nodeValue?.replace(/\s+/g, ' ');
    if (value) {
      parts.push(value);
      length += value.length;
    }
  };
  walk(root);
  const text = parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return cutText(text, maxCharacters);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAME = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';

interface DateParts {
  year: number;
  month: number;
  day: number;
}

function datePartsOf(text: string): DateParts | null {
  let match = /(\d{4})\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})/.exec(text);
  if (match) return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  // Outlook in English: 3/12/2024 (month first); a first number over 12 can only be a day.
  match = /(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(text);
  if (match) {
    const [first, second] = [Number(match[1]), Number(match[2])];
    return first > 12 ? { year: Number(match[3]), month: second, day: first } : { year: Number(match[3]), month: first, day: second };
  }
  match = new RegExp(`${MONTH_NAME}\\s+(\\d{1,2}),?\\s+(\\d{4})`, 'i').exec(text);
  if (match) return { year: Number(match[3]), month: MONTHS.indexOf(match[1]!.toLowerCase()) + 1, day: Number(match[2]) };
  match = new RegExp(`(\\d{1,2})\\s+${MONTH_NAME},?\\s+(\\d{4})`, 'i').exec(text);
  if (match) return { year: Number(match[3]), month: MONTHS.indexOf(match[2]!.toLowerCase()) + 1, day: Number(match[1]) };
  return null;
}

function timeOf(text: string): { hour: number; minute: number } {
  const chinese = /(上午|中午|下午|晚上|凌晨)\s*(\d{1,2})[:：](\d{2})/.exec(text);
  if (chinese) {
    const hour = Number(chinese[2]);
    const afternoon = chinese[1] === '下午' || chinese[1] === '晚上' || (chinese[1] === '中午' && hour < 11);
    return { hour: afternoon && hour < 12 ? hour + 12 : chinese[1] === '凌晨' && hour === 12 ? 0 : hour, minute: Number(chinese[3]) };
  }
  const match = /(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap])?\.?\s*m?\.?(?![a-z])/i.exec(text);
  if (!match) return { hour: 0, minute: 0 };
  let hour = Number(match[1]);
  const meridiem = match[3]?.toLowerCase();
  if (meridiem === 'p' && hour < 12) hour += 12;
  if (meridiem === 'a' && hour === 12) hour = 0;
  return { hour, minute: Number(match[2]) };
}

/**
 * A mail header's date ("Tue, Mar 12, 2024, 10:02 AM", "Tue 3/12/2024 10:02 AM",
 * "2024年3月12日 下午3:05") as epoch ms in the browser's time zone, which is the one the
 * page printed it in; null when the text holds no full date (Gmail's "10:02 AM" for today).
 */
export function parseMailDate(text: string | null | undefined): number | null {
  if (!text) return null;
  const date = datePartsOf(text);
  if (!date || date.month < 1 || date.month > 12 || date.day < 1 || date.day > 31) return null;
  const { hour, minute } = timeOf(text);
  if (hour > 23 || minute > 59) return null;
  const value = new Date(date.year, date.month - 1, date.day, hour, minute);
  // new Date rolls 31 February into March: such a date was not a date.
  if (value.getDate() !== date.day || value.getMonth() !== date.month - 1) return null;
  return value.getTime();
}

/** The first element under `root` (itself included) whose title or own text is a full mail date. */
export function findMailDate(root: Element, selectors: readonly string[], skip?: string): number | null {
  for (const selector of selectors) {
    for (const element of Array.from(root.querySelectorAll(selector))) {
      if (skip && element.closest(skip)) continue;
      const at = parseMailDate(element.getAttribute('title')) ?? parseMailDate(element.children.length === 0 ? element.textContent : null);
      if (at !== null) return at;
    }
  }
  return null;
}

/** The texts of the expanded messages, newest first, joined within the stored bound. */
export function joinMessageTexts(texts: readonly string[], maxCharacters: number): string | null {
  const joined = texts.filter(Boolean).join('\n\n');
  return joined ? cutText(joined, maxCharacters) : null;
}
