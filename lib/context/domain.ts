import { getDomain, getHostname } from 'tldts';
import { emailDomain } from './never-log';

export { emailDomain, isNeverLogged } from './never-log';

/**
 * Personal mailbox providers. An address at one of these never names a company, so it can
 * match a contact by exact address but never an account by domain.
 */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  // International
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com',
  'yahoo.com', 'ymail.com', 'rocketmail.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com',
  'proton.me', 'protonmail.com', 'pm.me', 'gmx.com', 'gmx.net', 'gmx.de', 'web.de', 'mail.com',
  'zohomail.com', 'yandex.com', 'yandex.ru', 'mail.ru', 'tutanota.com', 'tuta.io', 'fastmail.com',
  'hey.com', 'hushmail.com', 'inbox.com', 'naver.com', 'hanmail.net', 'daum.net',
  'yahoo.co.jp', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'yahoo.com.hk', 'yahoo.com.tw',
  'hotmail.co.uk', 'hotmail.fr', 'outlook.jp', 'live.cn', 'outlook.cn',
  // Mainland China and the wider Chinese-speaking market
  'qq.com', 'foxmail.com', '163.com', '126.com', 'yeah.net', '188.com', 'vip.163.com',
  'sina.com', 'sina.cn', 'vip.sina.com', 'sohu.com', '139.com', '189.cn', 'wo.cn', 'aliyun.com',
  'tom.com', '21cn.com', 'yahoo.com.cn', 'hotmail.com.tw', 'netvigator.com',
]);

/** Hosts of webmail and profile platforms: being on them says nothing about a company. */
export const PLATFORM_DOMAINS: ReadonlySet<string> = new Set([
  'google.com', 'live.com', 'office.com', 'office365.com', 'outlook.com', 'microsoft.com',
  'linkedin.com', 'maimai.cn', 'qq.com', '163.com', '126.com', 'yahoo.com', 'icloud.com',
  'zoho.com', 'feishu.cn', 'dingtalk.com', 'weixin.qq.com', 'facebook.com', 'x.com', 'twitter.com',
]);

/**
 * The registrable domain (eTLD+1) of a host, URL or email address, using the public suffix
 * list: `www.sales.acme.com.cn` → `acme.com.cn`. Null for IP addresses, localhost and
 * anything that is not a public domain.
 */
export function registrableDomain(input: string): string | null {
  const trimmed = input.trim().toLowerCase();
  if (!trimmed) return null;
  const at = trimmed.lastIndexOf('@');
  const host = at >= 0 ? trimmed.slice(at + 1) : getHostname(trimmed.includes('://') ? trimmed : `http://${trimmed}`);
  if (!host) return null;
  return getDomain(host, { allowPrivateDomains: false }) ?? null;
}


export function isFreeMailDomain(domain: string): boolean {
  const lower = domain.toLowerCase();
  if (FREE_MAIL_DOMAINS.has(lower)) return true;
  const registrable = registrableDomain(lower);
  return registrable !== null && FREE_MAIL_DOMAINS.has(registrable);
}

/** The domain an address names a company by, or null for free mail and malformed input. */
export function companyDomainOfEmail(address: string): string | null {
  const domain = emailDomain(address);
  if (!domain || isFreeMailDomain(domain)) return null;
  return registrableDomain(domain);
}

/** The company a page's host may name, or null for platforms (webmail, LinkedIn...). */
export function companyDomainOfPage(url: string): string | null {
  const domain = registrableDomain(url);
  if (!domain || PLATFORM_DOMAINS.has(domain) || isFreeMailDomain(domain)) return null;
  return domain;
}

