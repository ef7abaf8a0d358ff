import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { describeUnstorableText, pageContextSchema } from '../schemas';
import { FIXTURE_PAGES, loadFixturePage } from '../../test/fixtures/pages/load';
import { extractPageContext, minimalPageContext } from './extract';

function read(name: string, selection: string | null = null) {
  const { document, url } = loadFixturePage(name);
  return extractPageContext(document, url, selection);
}

describe('extractPageContext on saved webmail pages', () => {
  it('reads a Gmail conversation: subject, stable thread id, newest sender first, then the rest', () => {
    const context = read(FIXTURE_PAGES.gmailConversation);
    expect(context.kind).toBe('webmail');
    expect(context.webmail).toMatchObject({
      provider: 'gmail',
      threadId: 'thread-f:1790422511230011111',
      subject: 'Re: Pilot pricing for Q3',
      participants: [
        { address: 'zhang.min@acme-robotics.com.cn', name: 'Zhang Min', role: 'from' },
        { address: 'rep@mycorp.com', name: 'me', role: 'to' },
        { address: 'li.wei@acme-robotics.com.cn', name: 'Li Wei', role: 'to' },
        { address: 'procurement@acme-robotics.com.cn', name: 'Procurement', role: 'to' },
      ],
    });
    // Links inside the open message are kept; the inbox list beside it is not read.
    expect(context.emails).toEqual([{ address: 'wang.fang@acme-robotics.com.cn', name: 'Wang Fang' }]);
    expect(context.phones).toEqual(['+86 21 5555 0188']);
    expect(JSON.stringify(context)).not.toContain('newsletter@vendor-news.com');
  });

  it('reads a collapsed Gmail thread, skips a hidden earlier thread and marks Cc from the details table', () => {
    const context = read(FIXTURE_PAGES.gmailCollapsedThread);
    expect(context.webmail?.subject).toBe('Renewal terms');
    // Only the legacy (hex) id is in this page: it maps to the same permanent id Gmail uses elsewhere.
    expect(context.webmail?.threadId).toBe(`thread-f:${BigInt('0x18e0c2a1b3d4e5f6').toString(10)}`);
    expect(context.webmail?.participants).toEqual([
      { address: 'hans.mueller@globex.de', name: 'Hans Müller', role: 'from' },
      { address: 'rep@mycorp.com', name: 'me', role: 'to' },
      { address: 'cfo@globex.de', name: 'Clara Finanz', role: 'cc' },
      { address: 'legal@globex.de', name: null, role: 'cc' },
      { address: 'ops@globex.de', name: 'Greta Ops', role: 'from' },
    ]);
    expect(JSON.stringify(context)).not.toContain('stale@oldcustomer.com');
  });

  it('gives the same thread id for the same Gmail thread whichever id attribute the page carries', () => {
    const { document, url } = loadFixturePage(FIXTURE_PAGES.gmailConversation);
    const heading = document.querySelector('h2.hP')!;
    const withBoth = extractPageContext(document, url).webmail?.threadId;
    heading.removeAttribute('data-thread-perm-id');
    const legacyOnly = extractPageContext(document, url).webmail?.threadId;
    expect(legacyOnly).toBe(withBoth);
  });

  it('degrades to the generic read on the Gmail inbox (no open thread) and on an unknown Gmail layout', () => {
    expect(read(FIXTURE_PAGES.gmailInbox)).toMatchObject({ kind: 'generic', webmail: null, domain: 'google.com' });
    const changed = read(FIXTURE_PAGES.gmailUnknownLayout);
    expect(changed).toMatchObject({ kind: 'generic', webmail: null });
    expect(changed.emails.map((email) => email.address)).toEqual(['zhang.min@acme-robotics.com.cn']);
  });

  it('reads an Outlook.com reading pane: conversation id from the DOM, expanded message first, To and Cc', () => {
    const context = read(FIXTURE_PAGES.outlookLiveReadingPane);
    expect(context.webmail).toMatchObject({
      provider: 'outlook',
      threadId: 'AQQkADAwATM0MDAAMS1iNTcwLWI2NTEtMDACLTAwCgAQAH+bZ7pXe0xJq6lP5t1m0d0=',
      subject: 'Pilot pricing for Q3',
      participants: [
        { address: 'zhang.min@acme-robotics.com.cn', name: 'Zhang Min', role: 'from' },
        { address: 'rep@mycorp.com', name: 'Rep Person', role: 'to' },
        { address: 'li.wei@acme-robotics.com.cn', name: 'Li Wei', role: 'to' },
        { address: 'procurement@acme-robotics.com.cn', name: 'Procurement Team', role: 'cc' },
      ],
    });
    expect(context.phones).toEqual(['+862155550188']);
  });

  it('reads a Microsoft 365 message opened full page with a Chinese UI, the id taken from the URL', () => {
    const context = read(FIXTURE_PAGES.outlookOffice365FullPage);
    expect(context.webmail).toMatchObject({
      provider: 'outlook',
      threadId: 'AAMkAGI2TG93AAA=',
      subject: '关于年度续约报价',
      participants: [
        { address: 'chen.jing@huaxin-tech.com.cn', name: '陈静', role: 'from' },
        { address: 'rep@mycorp.com', name: '销售代表', role: 'to' },
        { address: 'liu.yang@huaxin-tech.com.cn', name: '刘洋', role: 'to' },
        { address: 'finance@huaxin-tech.com.cn', name: '财务部', role: 'cc' },
      ],
    });
  });

  it('degrades to the generic read when Outlook shows no conversation', () => {
    expect(read(FIXTURE_PAGES.outlookNoThread)).toMatchObject({ kind: 'generic', webmail: null, emails: [] });
  });
});

describe('extractPageContext on saved profile pages', () => {
  it.each([
    [FIXTURE_PAGES.linkedInProfile2023, { name: 'Sarah Chen', headline: 'VP of Procurement at Northwind Traders | Supply chain, sourcing', company: 'Northwind Traders', profileUrl: 'https://www.linkedin.com/in/sarah-chen-4b1a2c/' }],
    [FIXTURE_PAGES.linkedInProfile2019, { name: 'José Martínez', headline: 'Director of IT — Contoso Iberia', company: 'Contoso Iberia S.L.', profileUrl: 'https://www.linkedin.com/in/jmartinez/' }],
    [FIXTURE_PAGES.linkedInPublic, { name: '王磊', headline: '销售总监 @ 蓝海科技', company: '蓝海科技', profileUrl: 'https://www.linkedin.com/in/wang-lei-88/' }],
  ])('reads %s', (name, profile) => {
    const context = read(name);
    expect(context.kind).toBe('profile');
    expect(context.profile).toEqual(profile);
    expect(context.canonicalUrl).toBe(profile.profileUrl);
  });

  it('degrades to the generic read when no profile selector matches', () => {
    expect(read(FIXTURE_PAGES.linkedInUnknownLayout)).toMatchObject({ kind: 'generic', profile: null, siteName: 'LinkedIn', title: 'Sarah Chen | LinkedIn' });
  });
});

describe('extractPageContext on any page', () => {
  it('reads a Chinese company contact page: canonical URL, site name, .com.cn domain, mailto, tel and written addresses', () => {
    const context = read(FIXTURE_PAGES.companyCnContact);
    expect(context).toMatchObject({
      kind: 'generic',
      title: '联系我们 - 华信科技有限公司',
      canonicalUrl: 'http://www.huaxin-tech.com.cn/about/contact.html',
      siteName: '华信科技',
      domain: 'huaxin-tech.com.cn',
    });
    expect(context.emails).toEqual([
      { address: 'sales@huaxin-tech.com.cn', name: '商务合作部' },
      { address: 'marketing@huaxin-tech.com.cn', name: null },
      { address: 'webmaster@huaxin-tech.com.cn', name: '网站管理员' },
      { address: 'hr@huaxin-tech.com.cn', name: null },
      { address: 'support@huaxin-tech.com.cn', name: null },
    ]);
    expect(context.phones).toEqual(['400-820-1234', '+86 10 6288 8888', '13800138000']);
  });

  it('undoes common obfuscation and ignores script, template, hidden and image-name decoys', () => {
    const context = read(FIXTURE_PAGES.obfuscatedEmails);
    expect(context.emails.map((email) => email.address).sort()).toEqual(
      ['ana@fabrikam.io', 'ben@fabrikam.io', 'chloe@fabrikam.io', 'dev@fabrikam.io', 'ops@fabrikam.io', 'press@fabrikam.io'],
    );
    expect(context.canonicalUrl).toBe('https://fabrikam.io/team');
    expect(context.phones).toEqual(['+1-415-555-0100']);
  });

  it('keeps the selection with its line breaks and bounds it to the schema', () => {
    const { document, url } = loadFixturePage(FIXTURE_PAGES.companyCnContact);
    expect(extractPageContext(document, url, '  第一行\r\n第二行  ').selection).toBe('第一行\n第二行');
    const huge = '字'.repeat(70_000);
    const bounded = extractPageContext(document, url, huge).selection!;
    expect(bounded.length).toBe(65_536);
  });

  it('returns a context that parses for every saved page', () => {
    for (const name of Object.values(FIXTURE_PAGES)) expect(pageContextSchema.safeParse(read(name)).success).toBe(true);
  });

  it('never throws: a page without a body or with an unparseable URL still gives a context', () => {
    const dom = new JSDOM('<!DOCTYPE html><title>x</title>', { url: 'https://example.com/' });
    dom.window.document.body.remove();
    expect(extractPageContext(dom.window.document, 'https://example.com/')).toMatchObject({ title: 'x', domain: 'example.com' });
    expect(extractPageContext(dom.window.document, 'not a url')).toMatchObject({ url: 'not a url', kind: 'generic' });
  });

  it('bounds a hostile page: at most 200 addresses however many the page writes', () => {
    const links = Array.from({ length: 500 }, (_, i) => `<a href="mailto:p${i}@spam.example">p${i}</a>`).join('');
    const dom = new JSDOM(`<!DOCTYPE html><title>spam</title><body>${links}</body>`, { url: 'https://spam.example/' });
    expect(extractPageContext(dom.window.document, 'https://spam.example/').emails).toHaveLength(200);
  });
});

describe('minimalPageContext', () => {
  it('builds a context from a tab URL and title alone', () => {
    expect(minimalPageContext('https://www.acme.com.cn/x', '  Acme   首页 ')).toMatchObject({ domain: 'acme.com.cn', title: 'Acme 首页', kind: 'generic', emails: [] });
    expect(pageContextSchema.safeParse(minimalPageContext('chrome://extensions', 'Extensions')).success).toBe(true);
  });
});

describe('page text that no record could hold', () => {
  function storable(value: unknown): boolean {
    if (typeof value === 'string') return describeUnstorableText(value) === null;
    if (Array.isArray(value)) return value.every(storable);
    if (value && typeof value === 'object') return Object.values(value).every(storable);
    return true;
  }

  it('drops NULs and replaces broken halves of characters anywhere in what a page shows', () => {
    const { window } = new JSDOM(
      `<html><head><title>Acme\u0000 Robotics \ud83d</title><meta property="og:site_name" content="Acme\ud800"></head><body><p>Write to <a href="mailto:li.wei@acme.example">Li\u0000 Wei</a></p></body></html>`,
      { url: 'https://acme.example/team' },
    );
    // The HTML parser already replaces a NUL in markup; a page's script can still set one.
    window.document.title = 'Acme\u0000 Robotics \ud83d';
    const context = extractPageContext(window.document, 'https://acme.example/team', 'quote\u0000 \udc00 end');
    expect(storable(context)).toBe(true);
    expect(context.title).toBe('Acme Robotics \ufffd');
    expect(context.selection).toBe('quote \ufffd end');
  });

  it('does the same for a tab read by URL and title alone', () => {
    const context = minimalPageContext('https://acme.example/', `${'x'.repeat(1999)}🎉\u0000`);
    expect(storable(context)).toBe(true);
    expect(context.title).toBe('x'.repeat(1999));
  });
});
