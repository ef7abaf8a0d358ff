/**
 * Gmail (mail.google.com): the open conversation's subject, its thread id and the people on
 * it, read from what is on screen. Gmail's class names are minified but have been stable
 * for years; each list keeps one entry per layout we have seen, newest first.
 */
import { cutText } from '../../schemas/text';
import { cleanPersonName, normalizeAddress } from './addresses';
import { cleanText, isHiddenByMarkup, queryFirstShown, textOf, type SelectorList } from './dom';
import { ParticipantList, type WebmailRead } from './participants';
import { THREAD_TEXT_MAX_CHARACTERS } from '../../schemas/activity';
import { findMailDate, joinMessageTexts, messageText } from './thread-text';

export function isGmailUrl(url: URL): boolean {
  return url.hostname === 'mail.google.com';
}

const SUBJECT: SelectorList = [
  // Conversation view (classic and 2022+ Material layout): the subject heading carries the thread ids.
  'h2.hP',
  // Same heading when Gmail renames the class but keeps the data attributes.
  'h2[data-thread-perm-id]',
  'h2[data-legacy-thread-id]',
  // Preview-pane (split) mode keeps the subject in the pane's header.
  '[role="main"] .ha h2',
];

/** One message of the open conversation, expanded or collapsed, in document order (oldest first). */
const MESSAGE = [
  // Expanded message.
  'div.adn',
  // Collapsed earlier message: only its sender and a snippet are on screen.
  'div.kv',
  'div.kQ',
  // Any layout that keeps Gmail's message ids.
  'div[data-message-id]',
].join(', ');

const SENDER: SelectorList = [
  // Expanded message header: `<span class="gD" email="…" name="…">`.
  '.gD[email]',
  // Collapsed message row.
  '.zF[email]',
  '.yP[email]',
  // Hover cards keep the address when the email attribute is gone.
  'h3 [data-hovercard-id*="@"]',
];

const RECIPIENT = [
  // "to me, Bob" line under the sender.
  '.g2[email]',
  // The same line when only hover-card ids remain.
  '.hb [data-hovercard-id*="@"]',
].join(', ');

/** The message's sent date: Gmail prints it short and keeps the full date in the title. */
const MESSAGE_DATE = [
  // Expanded message header (every layout since 2013).
  '.g3[title]',
  // Collapsed row's date cell.
  '.apm [title]',
  // Any header cell with a date title, should the classes change.
  '[role="gridcell"][title]',
];

/** The message's own body; quotes inside it are left out by `messageText`. */
const MESSAGE_BODY = '.a3s';

/** The details table ("to:", "cc:") Gmail renders after "show details": marks carbon copies. */
const CC_LABEL = /^(cc|抄送|副本|копия)\s*[:：]?$/i;
const DETAILS_ROW = 'tr';
const DETAILS_LABEL = 'td.gG, td:first-child';

function personOf(element: Element): { address: string; name: string | null } | null {
  const address = normalizeAddress(element.getAttribute('email') ?? element.getAttribute('data-hovercard-id') ?? '');
  if (!address) return null;
  const name = cleanPersonName(element.getAttribute('name') || textOf(element), address);
  return { address, name };
}

function isCarbonCopy(element: Element): boolean {
  const row = element.closest(DETAILS_ROW);
  if (!row) return false;
  const label = row.querySelector(DETAILS_LABEL);
  return label !== null && !label.contains(element) && CC_LABEL.test(cleanText(label.textContent));
}

/** `thread-f:<decimal>`; the legacy attribute holds the same number in hex. */
function threadIdOf(subject: Element | null, root: ParentNode, url: URL): string | null {
  const holder = subject?.hasAttribute('data-thread-perm-id') || subject?.hasAttribute('data-legacy-thread-id')
    ? subject
    : root.querySelector('[data-thread-perm-id], [data-legacy-thread-id]');
  const perm = holder?.getAttribute('data-thread-perm-id')?.trim();
  if (perm) return perm.startsWith('#') ? perm.slice(1) : perm;
  const legacy = holder?.getAttribute('data-legacy-thread-id')?.trim();
  if (legacy && /^[0-9a-f]{1,16}$/i.test(legacy)) return `thread-f:${BigInt(`0x${legacy}`).toString(10)}`;
  // No id in the DOM: the URL's last hash segment (`#inbox/FMfcgz…`) names the thread too.
  const token = url.hash.split('/').pop() ?? '';
  return /^[A-Za-z0-9_-]{16,}$/.test(token) ? `url:${token}` : null;
}

/** Gmail titles a thread tab "Subject - me@example.com - Gmail". */
function subjectFromTitle(title: string): string | null {
  const match = /^(.*) - [^\s]+@[^\s]+ - Gmail$/.exec(cleanText(title));
  return match?.[1]?.trim() || null;
}

/** Finds the ancestor of the subject that holds the conversation's messages. */
function conversationRoot(doc: Document, subject: Element | null): ParentNode | null {
  let current: Element | null = subject;
  while (current) {
    if (current.querySelector(MESSAGE)) return current;
    current = current.parentElement;
  }
  return doc.querySelector('[role="main"]')?.querySelector(MESSAGE) ? doc.querySelector('[role="main"]') : null;
}


/** The open thread, or null when no conversation is open or Gmail's markup has moved on. */
export function extractGmailThread(doc: Document, url: URL): WebmailRead | null {
  const subjectElement = queryFirstShown(doc, SUBJECT);
  const root = conversationRoot(doc, subjectElement);
  if (!root) return null;
  const messages = Array.from(root.querySelectorAll(MESSAGE)).filter(
    (message, index, all) => !isHiddenByMarkup(message) && !all.slice(0, index).some((earlier) => earlier.contains(message)),
  );
  if (messages.length === 0) return null;

  const participants = new ParticipantList();
  // Newest first: Gmail lists a conversation oldest to newest and always expands the newest.
  const newestFirst = messages.reverse();
  for (const message of newestFirst) {
    let sender: Element | null = null;
    for (const selector of SENDER) {
      sender = message.querySelector(selector);
      if (sender) break;
    }
    const from = sender ? personOf(sender) : null;
    if (from) participants.add(from.address, from.name, 'from');
    // The "to me, Bob" line mixes To and Cc; the details table, when open, tells them apart.
    const recipients = Array.from(message.querySelectorAll(RECIPIENT)).flatMap((element) => {
      const person = personOf(element);
      return person ? [{ ...person, cc: isCarbonCopy(element) }] : [];
    });
    const carbonCopies = new Set(recipients.filter((person) => person.cc).map((person) => person.address));
    for (const person of recipients) if (!carbonCopies.has(person.address)) participants.add(person.address, person.name, 'to');
    for (const person of recipients) if (person.cc) participants.add(person.address, person.name, 'cc');
  }
  if (participants.size === 0) return null;
  const subject = textOf(subjectElement) || subjectFromTitle(doc.title);
  const expandedTexts = newestFirst.flatMap((message) => {
    const body = message.querySelector(MESSAGE_BODY);
    return body ? [messageText(body, THREAD_TEXT_MAX_CHARACTERS)] : [];
  });
  return {
    thread: {
      provider: 'gmail',
      threadId: threadIdOf(subjectElement, root, url),
      subject: subject ? cutText(subject, 1000) : null,
      participants: participants.list(),
      messageCount: newestFirst.length,
      latestAt: findMailDate(newestFirst[0]!, MESSAGE_DATE, MESSAGE_BODY),
      latestText: expandedTexts[0] || null,
      visibleText: joinMessageTexts(expandedTexts, THREAD_TEXT_MAX_CHARACTERS),
    },
    // Collapsed messages show a snippet only; what is expanded is what the rep reads.
    scanRoots: newestFirst.filter((message) => message.matches('div.adn') || message.querySelector('.a3s')),
  };
}
