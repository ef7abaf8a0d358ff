import type { UiIntent } from '../messaging/protocol';
import { cutText, toStorableText } from '../schemas/text';

/** Right-click capture: selected text, a phone link, an email link. */
export const MENU_IDS = {
  logSelection: 'sidenote-log-selection',
  logCall: 'sidenote-log-call',
  addContact: 'sidenote-add-contact',
} as const;

export interface MenuApi {
  contextMenus: {
    removeAll(): Promise<void>;
    create(properties: { id: string; title: string; contexts: Array<'selection' | 'link'>; targetUrlPatterns?: string[] }): unknown;
  };
  i18n: { getMessage(name: string): string };
}

/** Menus are created on install and startup; removeAll first keeps a restart from doubling them. */
export async function createContextMenus(api: MenuApi): Promise<void> {
  await api.contextMenus.removeAll();
  api.contextMenus.create({ id: MENU_IDS.logSelection, title: api.i18n.getMessage('menuLogSelection'), contexts: ['selection'] });
  api.contextMenus.create({ id: MENU_IDS.logCall, title: api.i18n.getMessage('menuLogCall'), contexts: ['link'], targetUrlPatterns: ['tel:*'] });
  api.contextMenus.create({ id: MENU_IDS.addContact, title: api.i18n.getMessage('menuAddContact'), contexts: ['link'], targetUrlPatterns: ['mailto:*'] });
}

const MAX_SELECTION_CHARACTERS = 20_000;

/** The quoted selection as it starts a note; the page it came from is recorded with the note. */
export function noteFromSelection(selection: string): string {
  const text = cutText(toStorableText(selection).trim(), MAX_SELECTION_CHARACTERS);
  return text
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join('\n');
}

function decodeLinkPart(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** `tel:+86%2021%205555` → `+86 21 5555`; null when the link carries no number. */
export function phoneOfLink(href: string): string | null {
  if (!/^tel:/i.test(href)) return null;
  const number = decodeLinkPart(href.slice(4).split(/[?;]/)[0] ?? '').trim();
  return /\d{3,}/.test(number.replace(/\D/g, '')) ? number.slice(0, 60) : null;
}

/** `mailto:Li%20Wei%20<li@acme.com>?subject=x` → the first address. */
export function emailOfLink(href: string): string | null {
  if (!/^mailto:/i.test(href)) return null;
  const first = decodeLinkPart(href.slice(7).split('?')[0] ?? '').split(',')[0]?.trim() ?? '';
  const address = /<([^>]+)>/.exec(first)?.[1] ?? first;
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address) ? address.toLowerCase() : null;
}

/** What the sidebar should do for a menu click; null for clicks that carry nothing usable. */
export function intentForMenuClick(info: { menuItemId: string | number; selectionText?: string; linkUrl?: string }): UiIntent | null {
  if (info.menuItemId === MENU_IDS.logSelection && info.selectionText?.trim()) {
    return { kind: 'focus-composer', prefill: noteFromSelection(info.selectionText) };
  }
  if (info.menuItemId === MENU_IDS.logCall && info.linkUrl) {
    const phone = phoneOfLink(info.linkUrl);
    return phone ? { kind: 'log-call', phone } : null;
  }
  if (info.menuItemId === MENU_IDS.addContact && info.linkUrl) {
    const email = emailOfLink(info.linkUrl);
    return email ? { kind: 'add-contact', email, name: null } : null;
  }
  return null;
}
