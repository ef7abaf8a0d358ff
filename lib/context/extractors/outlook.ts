/**
 * Outlook on the web (outlook.live.com, outlook.office.com, outlook.office365.com): the
 * open conversation's subject, id and people. Outlook's class names are generated per
 * build, so the lists lean on roles, aria-labels, `title` attributes (Outlook puts the
 * address in a persona's title) and data attributes, one entry per layout.
 */
import { cutText } from '../../schemas/text';
import { addressesIn, cleanPersonName, normalizeAddress, parseAddressText } from './addresses';
import { cleanText, isHiddenByMarkup, queryFirst, queryFirstShown, textOf, type SelectorList } from './dom';
import { ParticipantList, type ParticipantRole, type WebmailRead } from './participants';
import { THREAD_TEXT_MAX_CHARACTERS } from '../../schemas/activity';
import { findMailDate, joinMessageTexts, messageText } from './thread-text';

const OUTLOOK_HOSTS = new Set([
  'outlook.live.com',
  'outlook.office.com',
  'outlook.office365.com',
  'outlook.cloud.microsoft',
  'outlook.office.de',
  'outlook.office365.us',
]);

export function isOutlookUrl(url: URL): boolean {
  return OUTLOOK_HOSTS.has(url.hostname);
}

const CONVERSATION: SelectorList = [
  // Outlook 2023+ (live and Microsoft 365): reading pane and full-page read share this section.
  '[data-app-section="ConversationContainer"]',
  // Outlook 2019–2022 reading pane.
  '#ConversationReadingPaneContainer',
  // Single message opened in its own window (`/mail/deeplink/read/…`).
  '#ReadingPaneContainerId',
  '[role="main"][aria-label]',
  '[role="main"]',
];

const SUBJECT: SelectorList = [
  // 2023+ layout: the topic heading above the messages.
  '[role="heading"][aria-level="2"]',
  // 2019–2022 layout.
  '.allowTextSelection[role="heading"]',
  '[role="heading"]',
  'h1',
  'h2',
];

/** One message of the conversation, in document order. */
const MESSAGE: SelectorList = [
  // 2023+ layout: each message of the conversation is a list item.
  '[role="listitem"]',
  // Layouts that label the message region instead.
  '[aria-label="Email message"]',
  '[aria-label="电子邮件"]',
  // 2019–2022 layout: one item part per message.
  '[autoid="_rp_w"]',
];

/** A message that shows its body, i.e. is expanded; Outlook expands the newest one. */
const MESSAGE_BODY = '[aria-label="Message body"], [aria-label="邮件正文"], [role="document"], .allowTextSelection[dir]';

/** The message's sent date in its header; the body is never searched for one. */
const MESSAGE_DATE = [
  // 2023+ layout: the label Outlook tests by.
  '[data-testid="SentReceivedSavingLabel"]',
  // Any header element whose own text is a date ("Tue 3/12/2024 10:02 AM", "2024/3/12 10:02").
  '*',
];

const ROLE_REGIONS: ReadonlyArray<{ role: ParticipantRole; selectors: SelectorList }> = [
  {
    role: 'from',
    selectors: ['[aria-label^="From"]', '[aria-label^="发件人"]', '[aria-label^="寄件者"]', '[autoid="_pe_b"]'],
  },
  { role: 'to', selectors: ['[aria-label^="To"]', '[aria-label^="收件人"]', '[aria-label^="收件者"]'] },
  { role: 'cc', selectors: ['[aria-label^="Cc"]', '[aria-label^="CC"]', '[aria-label^="抄送"]', '[aria-label^="副本"]'] },
];

/** `From: `, `To:`, `收件人：` and similar labels before a list of people. */
const LEADING_LABEL = /^\s*(?:from|to|cc|bcc|发件人|收件人|抄送|密送|寄件者|收件者|副本)\s*[:：]?\s*/i;

/** People named in a header region: persona titles and labels first, the region's text last. */
function peopleIn(region: Element): Array<{ address: string; name: string | null }> {
  const found: Array<{ address: string; name: string | null }> = [];
  const seen = new Set<string>();
  const push = (address: string | null, name: string | null) => {
    if (!address || seen.has(address)) return;
    seen.add(address);
    found.push({ address, name: cleanPersonName(name, address) });
  };
  const carriers = [region, ...Array.from(region.querySelectorAll('[title*="@"], [aria-label*="@"], [data-email]'))];
  for (const element of carriers) {
    const text = textOf(element);
    const dataEmail = normalizeAddress(element.getAttribute('data-email') ?? '');
    if (dataEmail) push(dataEmail, text);
    for (const attribute of ['title', 'aria-label']) {
      const value = element.getAttribute(attribute)?.replace(LEADING_LABEL, '');
      if (!value || !value.includes('@')) continue;
      for (const part of value.split(/[;；]/)) {
        const parsed = parseAddressText(part);
        if (parsed) push(parsed.address, parsed.name ?? (element === region ? null : text));
        else for (const address of addressesIn(part)) push(address, element === region ? null : text);
      }
    }
  }
  if (found.length === 0) {
    for (const part of textOf(region).replace(LEADING_LABEL, '').split(/[;；]/)) {
      const parsed = parseAddressText(part);
      if (parsed) push(parsed.address, parsed.name);
    }
  }
  return found;
}

/** A region belongs to the message nearest to it, not to an outer list item that holds several. */
function regionsOf(message: Element, selectors: SelectorList, messages: readonly Element[]): Element[] {
  for (const selector of selectors) {
    const regions = Array.from(message.querySelectorAll(selector)).filter((region) => {
      const owner = messages.filter((candidate) => candidate.contains(region)).pop();
      return owner === message;
    });
    if (regions.length) return regions;
  }
  return [];
}

/** The conversation id: Outlook puts it on the conversation, else in the URL. */
function threadIdOf(root: Element, url: URL): string | null {
  const holder = root.closest('[data-convid]') ?? root.querySelector('[data-convid]');
  const convId = holder?.getAttribute('data-convid')?.trim();
  if (convId) return cutText(convId, 512);
  const path = decodeURIComponent(url.pathname);
  const fromPath = /\/(?:id|read)\/([^/?#]+)/.exec(path)?.[1];
  const fromQuery = url.searchParams.get('ItemID') ?? url.searchParams.get('itemid') ?? url.searchParams.get('id');
  const id = fromPath ?? fromQuery;
  return id ? cutText(id, 512) : null;
}

export function extractOutlookThread(doc: Document, url: URL): WebmailRead | null {
  const root = queryFirstShown(doc, CONVERSATION);
  if (!root) return null;
  let messages: Element[] = [];
  for (const selector of MESSAGE) {
    messages = Array.from(root.querySelectorAll(selector)).filter((element) => !isHiddenByMarkup(element));
    if (messages.length) break;
  }
  if (messages.length === 0) messages = [root];

  // Newest first: the one expanded message is the newest; with none or several expanded,
  // Outlook's default order (newest on top) decides.
  const expanded = messages.filter((message) => message.querySelector(MESSAGE_BODY));
  const newest = expanded.length === 1 ? expanded[0]! : messages[0]!;
  const ordered = [newest, ...messages.filter((message) => message !== newest)];

  const participants = new ParticipantList();
  for (const message of ordered) {
    for (const { role, selectors } of ROLE_REGIONS) {
      for (const region of regionsOf(message, selectors, messages)) {
        for (const person of peopleIn(region)) participants.add(person.address, person.name, role);
      }
    }
  }
  if (participants.size === 0) return null;
  const subjectElement = queryFirst(root, SUBJECT);
  const subject = cleanText(subjectElement?.getAttribute('title')) || textOf(subjectElement);
  const expandedTexts = ordered.flatMap((message) => {
    const body = message.querySelector(MESSAGE_BODY);
    return body ? [messageText(body, THREAD_TEXT_MAX_CHARACTERS)] : [];
  });
  return {
    thread: {
      provider: 'outlook',
      threadId: threadIdOf(root, url),
      subject: subject ? cutText(subject, 1000) : null,
      participants: participants.list(),
      messageCount: ordered.length,
      latestAt: findMailDate(newest, MESSAGE_DATE, MESSAGE_BODY),
      latestText: expandedTexts[0] || null,
      visibleText: joinMessageTexts(expandedTexts, THREAD_TEXT_MAX_CHARACTERS),
    },
    scanRoots: ordered as Array<Element & ParentNode>,
  };
}
