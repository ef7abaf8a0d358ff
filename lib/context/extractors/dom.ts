/**
 * Small DOM helpers shared by the extractors. They take the document or element they work
 * on and never touch globals, so the same code runs in a content script and in tests on
 * saved pages (jsdom). Text comes from `textContent`, not `innerText`: `innerText` forces
 * a layout, which on a large webmail page costs more than the whole extraction budget.
 */

import { cutText } from '../../schemas/text';

/** `NodeFilter` constants, inlined because the extractors must not rely on a global `NodeFilter`. */
export const SHOW_ELEMENT = 0x1;
export const SHOW_TEXT = 0x4;
export const FILTER_ACCEPT = 1;
export const FILTER_REJECT = 2;
export const FILTER_SKIP = 3;
const ELEMENT_NODE = 1;

/** A list of selectors for one thing, tried in order: host pages change, so each variant keeps its own entry. */
export type SelectorList = readonly string[];

/** Collapses runs of whitespace (including non-breaking spaces) and trims. */
export function cleanText(text: string | null | undefined): string {
  return (text ?? '').replace(/[\s\u00a0\u200b\u200e\u200f\ufeff]+/g, ' ').trim();
}

export function textOf(node: Node | null | undefined): string {
  return cleanText(node?.textContent);
}

/** The first element matched by the first selector in the list that matches anything. */
export function queryFirst(root: ParentNode, selectors: SelectorList): Element | null {
  for (const selector of selectors) {
    const found = safeQuery(root, selector);
    if (found) return found;
  }
  return null;
}

/** All elements matched by the first selector in the list that matches anything. */
export function queryAllFirst(root: ParentNode, selectors: SelectorList): Element[] {
  for (const selector of selectors) {
    const found = safeQueryAll(root, selector);
    if (found.length) return found;
  }
  return [];
}

/** The first element of the list that is not inside a hidden subtree. */
export function queryFirstShown(root: ParentNode, selectors: SelectorList): Element | null {
  for (const selector of selectors) {
    for (const element of safeQueryAll(root, selector)) if (!isHiddenByMarkup(element)) return element;
  }
  return null;
}

/**
 * A selector a browser does not know (a future pseudo-class, a typo in a list) must cost
 * one variant, not the whole extraction.
 */
function safeQuery(root: ParentNode, selector: string): Element | null {
  try {
    return root.querySelector(selector);
  } catch {
    return null;
  }
}

function safeQueryAll(root: ParentNode, selector: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}

/**
 * Whether markup alone hides the element: webmail apps keep earlier views in the DOM behind
 * `display: none` or `hidden`. Computed style would be exact but forces style recalculation,
 * and jsdom cannot compute layout, so the inline markup is what is checked.
 */
export function isHiddenByMarkup(element: Element): boolean {
  let current: Element | null = element;
  while (current) {
    if (current.hasAttribute('hidden') || current.getAttribute('aria-hidden') === 'true') return true;
    const style = current.getAttribute('style');
    if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
    current = current.parentElement;
  }
  return false;
}

/** Elements whose text is never shown to the reader. */
const INVISIBLE_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'HEAD', 'IFRAME', 'OBJECT', 'CANVAS']);

/**
 * The visible text under `root`, up to `maxCharacters`, with a space between text nodes so
 * that words in adjacent elements do not run together (`a@b.com` in one cell and `Phone`
 * in the next must not become `a@b.comPhone`).
 */
export function visibleText(root: Node, maxCharacters: number): string {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, SHOW_ELEMENT | SHOW_TEXT, {
    acceptNode(node: Node) {
      if (node.nodeType !== ELEMENT_NODE) return FILTER_ACCEPT;
      const element = node as Element;
      if (INVISIBLE_TAGS.has(element.tagName.toUpperCase())) return FILTER_REJECT;
      if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return FILTER_REJECT;
      return FILTER_SKIP;
    },
  });
  const parts: string[] = [];
  let length = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const value = node.nodeValue;
    if (!value) continue;
    parts.push(value);
    length += value.length + 1;
    if (length >= maxCharacters) break;
  }
  return cutText(parts.join(' '), maxCharacters);
}

/** Resolves an attribute URL against the page, or null when it is not a web address. */
export function absoluteHttpUrl(value: string | null | undefined, base: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function metaContent(doc: Document, selectors: SelectorList): string | null {
  const element = queryFirst(doc, selectors);
  const content = cleanText(element?.getAttribute('content'));
  return content || null;
}
