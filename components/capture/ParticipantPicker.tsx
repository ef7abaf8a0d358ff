import { useId, useState } from 'react';
import type { Account, Contact } from '@/lib/schemas';
import { resolveCaptureSelection, type CaptureSelection, type ContextMatch, type MatchConfidence } from '@/lib/context/match';
import { captureMessages } from '@/lib/i18n/messages/capture';
import { useMessages } from '../i18n';

export interface ParticipantPickerProps {
  match: ContextMatch;
  value: CaptureSelection;
  onChange: (selection: CaptureSelection) => void;
  onAddContact: (offer: ContextMatch['addContacts'][number]) => void;
  onCreateAccount: (offer: ContextMatch['createAccounts'][number]) => void;
  /** Open with every choice showing; by default it is one line that opens on demand. */
  defaultExpanded?: boolean;
  /** Open or folded, when the parent keeps it (so it survives moving between views). */
  expanded?: boolean;
  onExpandedChange?: (expanded: boolean) => void;
}

interface ContactOption {
  contact: Contact;
  address: string | null;
  role: 'from' | 'to' | 'cc' | 'page' | null;
  confidence: MatchConfidence;
}

/**
 * Who and what a note belongs to when a page names several people: the rep ticks contacts,
 * picks the account and the deal; the best match comes preselected. Folded, it is one line
 * ("Zhang Min, Li Wei · Acme Robotics · Pilot ▾") so the composer stays on the first screen.
 * Every choice is a native checkbox or radio, so it works by keyboard and screen reader as is.
 */
export function ParticipantPicker(props: ParticipantPickerProps) {
  const { match, value, onChange, onAddContact, onCreateAccount, defaultExpanded = false, onExpandedChange } = props;
  const t = useMessages(captureMessages);
  const titleId = useId();
  const bodyId = useId();
  const [ownExpanded, setOwnExpanded] = useState(defaultExpanded);
  const expanded = props.expanded ?? ownExpanded;
  const toggle = () => {
    setOwnExpanded(!expanded);
    onExpandedChange?.(!expanded);
  };

  const contacts: ContactOption[] = [];
  for (const person of match.people) {
    if (person.contact && !contacts.some((option) => option.contact.id === person.contact!.id)) {
      contacts.push({ contact: person.contact, address: person.address, role: person.role, confidence: person.confidence ?? 'email' });
    }
  }
  for (const candidate of match.candidates) {
    if (candidate.contact && !contacts.some((option) => option.contact.id === candidate.contact!.id)) {
      contacts.push({ contact: candidate.contact, address: candidate.contact.email, role: null, confidence: candidate.confidence });
    }
  }
  const accounts: Array<{ account: Account; confidence: MatchConfidence }> = [];
  for (const candidate of match.candidates) {
    if (candidate.account && !accounts.some((option) => option.account.id === candidate.account!.id)) {
      accounts.push({ account: candidate.account, confidence: candidate.confidence });
    }
  }
  const accountName = (id: string | null) => accounts.find((option) => option.account.id === id)?.account.name ?? match.people.find((p) => p.account?.id === id)?.account?.name ?? '';
  const deals = match.deals.filter((option) => option.account.id === value.accountId);

  const change = (next: CaptureSelection) => onChange(resolveCaptureSelection(match, next));
  const toggleContact = (option: ContactOption, checked: boolean) => {
    if (!checked) return change({ ...value, contactIds: value.contactIds.filter((id) => id !== option.contact.id) });
    // A contact at another company moves the note to that company.
    if (option.contact.accountId && option.contact.accountId !== value.accountId) {
      return change({ accountId: option.contact.accountId, contactIds: [option.contact.id], dealId: null });
    }
    change({ ...value, contactIds: [...value.contactIds, option.contact.id] });
  };
  const chooseAccount = (accountId: string | null) => change({ accountId, contactIds: value.contactIds, dealId: null });

  const ticked = contacts.filter((option) => value.contactIds.includes(option.contact.id)).map((option) => option.contact.name);
  const people = ticked.length === 0 ? t.pickerNobody : ticked.length <= 2 ? ticked.join(', ') : `${ticked.slice(0, 2).join(', ')} ${t.pickerMore(ticked.length - 2)}`;
  const dealName = match.deals.find((option) => option.deal.id === value.dealId)?.deal.name ?? t.pickerNoDeal;
  const offers = match.addContacts.length + match.createAccounts.length;
  const summary = [people, accountName(value.accountId) || t.pickerNoAccount, dealName].join(' · ');

  return (
    <section className={`sn-picker sn-card${expanded ? '' : ' sn-picker--folded'}`} aria-labelledby={titleId} data-testid="participant-picker">
      <h3 className="sn-visually-hidden" id={titleId}>
        {t.pickerTitle}
      </h3>
      <button
        type="button"
        className="sn-picker__summary"
        aria-expanded={expanded}
        aria-controls={bodyId}
        title={t.pickerShow}
        onClick={toggle}
        data-testid="picker-summary"
      >
        <span className="sn-picker__summary-text">{summary}</span>
        {offers > 0 && <span className="sn-badge">{t.pickerOffers(offers)}</span>}
        <span aria-hidden="true">{expanded ? '▴' : '▾'}</span>
      </button>
      <div id={bodyId} hidden={!expanded} className="sn-picker">
        <fieldset className="sn-picker__group">
          <legend className="sn-label">{t.pickerContacts}</legend>
          {contacts.length === 0 && <p className="sn-hint">{t.pickerNoContacts}</p>}
          {contacts.map((option) => (
            <label key={option.contact.id} className="sn-picker__option">
              <input
                type="checkbox"
                checked={value.contactIds.includes(option.contact.id)}
                onChange={(event) => toggleContact(option, event.currentTarget.checked)}
              />
              <span className="sn-picker__main sn-picker__name">
                {option.contact.name}
                {option.address && <span className="sn-picker__sub">{option.address}</span>}
              </span>
              {option.role && <span className="sn-badge sn-badge--muted">{t[`role_${option.role}`]}</span>}
              <ConfidenceBadge confidence={option.confidence} />
            </label>
          ))}
        </fieldset>
        {accounts.length > 0 && (
          <fieldset className="sn-picker__group">
            <legend className="sn-label">{t.pickerAccount}</legend>
            {accounts.map((option) => (
              <label key={option.account.id} className="sn-picker__option">
                <input type="radio" name={`${titleId}-account`} checked={value.accountId === option.account.id} onChange={() => chooseAccount(option.account.id)} />
                <span className="sn-picker__main sn-picker__name">
                  {option.account.name}
                  {option.account.domains[0] && <span className="sn-picker__sub">{option.account.domains.join(', ')}</span>}
                </span>
                <ConfidenceBadge confidence={option.confidence} />
              </label>
            ))}
            <label className="sn-picker__option">
              <input type="radio" name={`${titleId}-account`} checked={value.accountId === null} onChange={() => chooseAccount(null)} />
              <span className="sn-picker__main">{t.pickerNoAccount}</span>
            </label>
          </fieldset>
        )}
        {deals.length > 0 && (
          <fieldset className="sn-picker__group">
            <legend className="sn-label">{t.pickerDeal}</legend>
            {deals.map((option) => (
              <label key={option.deal.id} className="sn-picker__option">
                <input type="radio" name={`${titleId}-deal`} checked={value.dealId === option.deal.id} onChange={() => change({ ...value, dealId: option.deal.id })} />
                <span className="sn-picker__main sn-picker__name">
                  {option.deal.name}
                  <span className="sn-picker__sub">{t[`dealReason_${option.reason}`]}</span>
                </span>
              </label>
            ))}
            <label className="sn-picker__option">
              <input type="radio" name={`${titleId}-deal`} checked={value.dealId === null} onChange={() => change({ ...value, dealId: null })} />
              <span className="sn-picker__main">{t.pickerNoDeal}</span>
            </label>
          </fieldset>
        )}
        {(match.addContacts.length > 0 || match.createAccounts.length > 0) && (
          <div className="sn-picker__offers" role="group" aria-label={t.suggestions}>
            <span className="sn-label">{t.suggestions}</span>
            {match.addContacts.map((offer) => (
              <button key={offer.email} type="button" className="sn-button sn-button--small" onClick={() => onAddContact(offer)}>
                {t.addContact(offer.name ?? offer.email)}
                <span className="sn-picker__sub">{t.addContactAt(accountName(offer.accountId))}</span>
              </button>
            ))}
            {match.createAccounts.map((offer) => (
              <button key={offer.domain ?? offer.name} type="button" className="sn-button sn-button--small" onClick={() => onCreateAccount(offer)}>
                {t.createAccount(offer.name)}
                {offer.domain && <span className="sn-picker__sub">{t.createAccountHint(offer.domain)}</span>}
              </button>
            ))}
          </div>
        )}
      </div>
    </section>
  );
}

function ConfidenceBadge({ confidence }: { confidence: MatchConfidence }) {
  const t = useMessages(captureMessages);
  const how = t[`confidence_${confidence}`];
  return (
    <span className={`sn-badge sn-confidence sn-confidence--${confidence}`} title={t.confidenceLabel(how)}>
      <span className="sn-visually-hidden">{t.confidenceLabel(how)}</span>
      <span aria-hidden="true">{how}</span>
    </span>
  );
}
