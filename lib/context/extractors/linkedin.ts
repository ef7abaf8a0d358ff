/**
 * LinkedIn-style profile pages (`linkedin.com/in/<slug>`): the person's name, headline and
 * current company. LinkedIn ships a new top card every year or two; each list keeps one
 * entry per layout, newest first, and the public (signed-out) profile last.
 */
import type { Profile } from '../../schemas';
import { cutText } from '../../schemas/text';
import { absoluteHttpUrl, cleanText, queryFirst, textOf, type SelectorList } from './dom';

export function isLinkedInProfileUrl(url: URL): boolean {
  return /(^|\.)linkedin\.com$/.test(url.hostname) && /^\/in\/[^/]+/.test(url.pathname);
}

const NAME: SelectorList = [
  // 2021–2024 top card.
  'main h1.text-heading-xlarge',
  // 2025 top card: hashed class names, the only h1 in the profile section.
  'main section[data-member-id] h1',
  'main .pv-top-card h1',
  // 2018–2020 top card.
  '.pv-top-card--list li.inline.t-24',
  '.pv-top-card-section__name',
  // Public profile seen when signed out.
  'h1.top-card-layout__title',
  'main h1',
];

const HEADLINE: SelectorList = [
  // 2021–2024 top card.
  'main .text-body-medium.break-words',
  // 2025 top card.
  'main section[data-member-id] h1 ~ div',
  // 2018–2020 top card.
  '.pv-top-card--list ~ h2.mt1',
  '.pv-top-card-section__headline',
  // Public profile.
  'h2.top-card-layout__headline',
];

const COMPANY: SelectorList = [
  // 2021–2024: the "current company" button beside the name, labelled for screen readers.
  'main button[aria-label^="Current company"]',
  'main [aria-label^="当前公司"]',
  // 2025: the company link in the top card's right column.
  'main section[data-member-id] a[href*="/company/"]',
  '.pv-text-details__right-panel a[href*="/company/"]',
  // 2018–2020: the experience list in the top card.
  '.pv-top-card--experience-list-item',
  '.pv-top-card-v2-section__company-name',
  // Public profile.
  '[data-section="currentPositionsDetails"] .top-card-link__description',
  // First position of the experience section, any layout.
  '#experience ~ div li a[href*="/company/"] span[aria-hidden="true"]',
];

const CURRENT_COMPANY_LABEL = /^(?:current company|当前公司)\s*[:：]\s*(.+?)(?:\.\s*(?:click|单击).*)?$/i;

function companyOf(element: Element | null): string | null {
  if (!element) return null;
  const label = cleanText(element.getAttribute('aria-label'));
  const fromLabel = CURRENT_COMPANY_LABEL.exec(label)?.[1];
  const text = cleanText(fromLabel ?? textOf(element)).replace(/\s*[·•].*$/, '');
  return text ? cutText(text, 300) : null;
}

/** "VP Sales at Acme Robotics" / "销售总监 @ 阿克米": the company a headline names, if any. */
export function companyFromHeadline(headline: string): string | null {
  const match = /(?:\bat\b|@|\bchez\b|\bbei\b|就职于|任职于)\s*([^|,;·•]+?)\s*(?:[|,;·•]|$)/i.exec(headline);
  const company = match?.[1]?.trim();
  return company && company.length <= 120 ? company : null;
}

/** The profile's address without tracking or overlay parts: `https://www.linkedin.com/in/<slug>/`. */
function profileUrlOf(doc: Document, url: URL): string {
  const canonical = absoluteHttpUrl(doc.querySelector('link[rel="canonical"]')?.getAttribute('href'), url.href);
  const source = canonical ? new URL(canonical) : url;
  const slug = /^\/in\/([^/]+)/.exec(source.pathname)?.[1];
  return slug ? `https://www.linkedin.com/in/${slug}/` : source.href;
}

export function extractLinkedInProfile(doc: Document, url: URL): Profile | null {
  const name = textOf(queryFirst(doc, NAME));
  if (!name || name.length > 300) return null;
  const headline = textOf(queryFirst(doc, HEADLINE)) || null;
  const company = companyOf(queryFirst(doc, COMPANY)) ?? (headline ? companyFromHeadline(headline) : null);
  return {
    name,
    headline: headline ? cutText(headline, 1000) : null,
    company,
    profileUrl: profileUrlOf(doc, url),
  };
}
