// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import type { Account, Contact, Deal, PageContext } from '@/lib/schemas';
import { matchContext, normalizeCompanyName, type CaptureSelection, type ContextMatch } from '@/lib/context/match';
import { LocaleProvider } from '../i18n';
import { ParticipantPicker } from './ParticipantPicker';

afterEach(cleanup);

const meta = { createdAt: 1, updatedAt: 1, deletedAt: null, updatedBy: null, clock: {} };
const account = (id: string, name: string, domains: string[]): Account => ({ id, name, domains, industry: null, sizeTier: null, ownerId: null, stage: 'lead', renewalDate: null, health: null, facts: {}, ...meta });
const contact = (id: string, name: string, email: string, accountId: string): Contact => ({ id, name, email, accountId, phone: null, title: null, role: null, profileUrl: null, ...meta });
const deal = (id: string, name: string, accountId: string): Deal => ({ id, name, accountId, stage: 'proposal', amount: null, currency: 'CNY', expectedCloseDate: null, ownerId: null, closedAt: null, lostReason: null, facts: {}, ...meta });

const acme = account('a-acme', 'Acme Robotics', ['acme-robotics.com.cn']);
const globex = account('a-globex', 'Globex', ['globex.de']);
const zhang = contact('c-zhang', 'Zhang Min', 'zhang.min@acme-robotics.com.cn', acme.id);
const li = contact('c-li', 'Li Wei', 'li.wei@acme-robotics.com.cn', acme.id);
const hans = contact('c-hans', 'Hans Müller', 'hans@globex.de', globex.id);

function threeParticipantMatch(): ContextMatch {
  const context: PageContext = {
    url: 'https://mail.google.com/mail/u/0/#inbox/x', title: 'Gmail', canonicalUrl: null, siteName: null, domain: 'google.com', kind: 'webmail',
    emails: [], phones: [], selection: null, profile: null,
    webmail: {
      provider: 'gmail', threadId: 'thread-f:1', subject: 'Re: Pilot pricing',
      participants: [
        { address: zhang.email!, name: 'Zhang Min', role: 'from' },
        { address: li.email!, name: 'Li Wei', role: 'to' },
        { address: 'procurement@acme-robotics.com.cn', name: 'Procurement', role: 'cc' },
        { address: hans.email!, name: 'Hans', role: 'cc' },
        { address: 'ceo@umbrella.com.cn', name: 'CEO', role: 'cc' },
      ],
    },
  };
  const byEmail = new Map([zhang, li, hans].map((c) => [c.email!, [c]]));
  const byDomain = new Map([[acme.domains[0]!, [acme]], [globex.domains[0]!, [globex]]]);
  return matchContext(
    context,
    {
      contactsByEmail: byEmail,
      accountsByDomain: byDomain,
      accountsByName: new Map([[normalizeCompanyName(acme.name), [acme]]]),
      accountsById: new Map([[acme.id, acme], [globex.id, globex]]),
      dealsByAccountId: new Map([[acme.id, [deal('d-pilot', 'Pilot', acme.id), deal('d-exp', 'Expansion', acme.id)]]]),
    },
    { neverLog: [], ownAddresses: [] },
  );
}

function Harness({ match, onSelection, onAddContact = vi.fn(), onCreateAccount = vi.fn(), locale = 'en' as const }: { match: ContextMatch; onSelection?: (s: CaptureSelection) => void; onAddContact?: () => void; onCreateAccount?: () => void; locale?: 'en' | 'zh-CN' }) {
  const [value, setValue] = useState(match.selection);
  return (
    <LocaleProvider locale={locale}>
      <ParticipantPicker
        defaultExpanded
        match={match}
        value={value}
        onChange={(next) => {
          setValue(next);
          onSelection?.(next);
        }}
        onAddContact={onAddContact}
        onCreateAccount={onCreateAccount}
      />
    </LocaleProvider>
  );
}

describe('ParticipantPicker', () => {
  it('preselects the best match (the sender) and shows each match confidence', () => {
    render(<Harness match={threeParticipantMatch()} />);
    const people = screen.getByRole('group', { name: 'People' });
    expect((within(people).getByRole('checkbox', { name: /Zhang Min/ }) as HTMLInputElement).checked).toBe(true);
    expect((within(people).getByRole('checkbox', { name: /Li Wei/ }) as HTMLInputElement).checked).toBe(false);
    expect(within(people).getAllByText('Matched by exact email')).toHaveLength(3);
    expect((screen.getByRole('radio', { name: /Acme Robotics/ }) as HTMLInputElement).checked).toBe(true);
    // The subject names the Pilot deal, so it comes preselected, and says why.
    expect((screen.getByRole('radio', { name: /Pilot\s*named in the subject/ }) as HTMLInputElement).checked).toBe(true);
  });

  it('lets the rep add a second contact and pick a deal by keyboard', async () => {
    const user = userEvent.setup();
    const onSelection = vi.fn();
    render(<Harness match={threeParticipantMatch()} onSelection={onSelection} />);
    screen.getByRole('checkbox', { name: /Li Wei/ }).focus();
    await user.keyboard(' ');
    expect(onSelection).toHaveBeenLastCalledWith({ accountId: 'a-acme', contactIds: ['c-zhang', 'c-li'], dealId: 'd-pilot' });
    await user.click(screen.getByRole('radio', { name: /Expansion/ }));
    expect(onSelection).toHaveBeenLastCalledWith({ accountId: 'a-acme', contactIds: ['c-zhang', 'c-li'], dealId: 'd-exp' });
  });

  it('moves the note to another company when its contact is ticked, dropping the first company’s deal', async () => {
    const user = userEvent.setup();
    const onSelection = vi.fn();
    render(<Harness match={threeParticipantMatch()} onSelection={onSelection} />);
    await user.click(screen.getByRole('radio', { name: /Pilot/ }));
    await user.click(screen.getByRole('checkbox', { name: /Hans Müller/ }));
    expect(onSelection).toHaveBeenLastCalledWith({ accountId: 'a-globex', contactIds: ['c-hans'], dealId: null });
    expect(screen.queryByRole('radio', { name: /Pilot/ })).toBeNull();
  });

  it('offers "add contact" prefilled for an unknown address at a known company and "create account" for an unknown company', async () => {
    const user = userEvent.setup();
    const onAddContact = vi.fn();
    const onCreateAccount = vi.fn();
    render(<Harness match={threeParticipantMatch()} onAddContact={onAddContact} onCreateAccount={onCreateAccount} />);
    await user.click(screen.getByRole('button', { name: /Add Procurement as contact/ }));
    expect(onAddContact).toHaveBeenCalledWith({ email: 'procurement@acme-robotics.com.cn', name: 'Procurement', accountId: 'a-acme' });
    await user.click(screen.getByRole('button', { name: /Create account “Umbrella”/ }));
    expect(onCreateAccount).toHaveBeenCalledWith({ name: 'Umbrella', domain: 'umbrella.com.cn' });
  });

  it('speaks Chinese', () => {
    render(<Harness match={threeParticipantMatch()} locale="zh-CN" />);
    expect(screen.getByRole('group', { name: '联系人' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /创建客户“Umbrella”/ })).toBeTruthy();
  });
});

describe('ParticipantPicker folded to one line', () => {
  it('says who, which account and which deal in one line, and opens on demand', async () => {
    const user = userEvent.setup();
    const match = threeParticipantMatch();
    render(
      <LocaleProvider locale="en">
        <ParticipantPicker match={match} value={match.selection} onChange={() => {}} onAddContact={() => {}} onCreateAccount={() => {}} />
      </LocaleProvider>,
    );
    const summary = screen.getByRole('button', { name: /Zhang Min.*Acme Robotics/ });
    expect(summary.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('checkbox')).toBeNull();
    await user.click(summary);
    expect(summary.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getAllByRole('checkbox').length).toBeGreaterThan(1);
  });
});
