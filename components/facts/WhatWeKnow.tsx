import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { FactCheck } from '@/lib/funnel/facts';
import { factsMessages } from '@/lib/i18n/messages/facts';
import { useLocale, useMessages } from '../i18n';

interface WhatWeKnowProps {
  /** The stage's name in the UI language. */
  stageName: string;
  exitCriteria: readonly FactCheck[];
  keyFacts: readonly FactCheck[];
  /** Space on an item's box: known ↔ not (a fact the records show cannot be unmarked here). */
  onToggleKnown: (check: FactCheck, known: boolean) => void;
  /** The rep's own words for a fact, saved as known; an empty value clears it. */
  onEdit: (check: FactCheck, value: string) => void;
}

type Messages = (typeof factsMessages)['en'];

function sourceText(check: FactCheck, m: Messages): string | null {
  const source = check.source;
  if (!source) return null;
  switch (source.kind) {
    case 'note':
      return m.fromNote(source.quote);
    case 'contact':
      return m.fromContacts(source.names.join(', '));
    case 'dealField':
      return m.fromDealField(m[`field_${source.field}`]);
    case 'accountField':
      return m.fromAccountField(m[`field_${source.field}`]);
    case 'confirmed':
      return m.confirmedByRep;
    case 'noted':
      return m.notedByRep;
  }
}

/**
 * "What we know" for the stage in view (Salesforce Path's key fields, with evidence): each exit
 * criterion and key fact with its state, value and where it came from. One keystroke marks one
 * known (Space on its box) or edits it (Enter on its edit button); the counts say which are known.
 */
export function WhatWeKnow({ stageName, exitCriteria, keyFacts, onToggleKnown, onEdit }: WhatWeKnowProps) {
  const m = useMessages(factsMessages);
  if (!exitCriteria.length && !keyFacts.length) return null;
  return (
    <section className="sn-card sn-facts-known" aria-label={`${m.whatWeKnow} · ${stageName}`} data-testid="what-we-know">
      <h2 className="sn-section-title">
        {m.whatWeKnow} · {stageName}
      </h2>
      <FactGroup title={m.exitCriteria} checks={exitCriteria} onToggleKnown={onToggleKnown} onEdit={onEdit} />
      <FactGroup title={m.keyFacts} checks={keyFacts} onToggleKnown={onToggleKnown} onEdit={onEdit} />
    </section>
  );
}

interface FactGroupProps {
  title: string;
  checks: readonly FactCheck[];
  onToggleKnown: WhatWeKnowProps['onToggleKnown'];
  onEdit: WhatWeKnowProps['onEdit'];
}

function FactGroup({ title, checks, onToggleKnown, onEdit }: FactGroupProps) {
  const m = useMessages(factsMessages);
  const locale = useLocale();
  if (!checks.length) return null;
  const label = (check: FactCheck) => check.fact.label[locale];
  const known = checks.filter((check) => check.status === 'known');
  const notKnown = checks.filter((check) => check.status !== 'known');
  const separator = locale === 'zh-CN' ? '、' : ', ';
  const which = [known.length ? m.knownList(known.map(label).join(separator)) : '', notKnown.length ? m.missingList(notKnown.map(label).join(separator)) : '']
    .filter(Boolean)
    .join(' · ');
  return (
    <div role="group" aria-label={title}>
      <h3 className="sn-hint">
        {title} · <span data-testid="facts-known-count">{m.knownOf(known.length, checks.length)}</span>
      </h3>
      <p className="sn-visually-hidden">{which}</p>
      <ul>
        {checks.map((check) => (
          <FactRow key={check.fact.key} check={check} label={label(check)} onToggleKnown={onToggleKnown} onEdit={onEdit} />
        ))}
      </ul>
    </div>
  );
}

interface FactRowProps {
  check: FactCheck;
  label: string;
  onToggleKnown: WhatWeKnowProps['onToggleKnown'];
  onEdit: WhatWeKnowProps['onEdit'];
}

function FactRow({ check, label, onToggleKnown, onEdit }: FactRowProps) {
  const m = useMessages(factsMessages);
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (editing) input.current?.focus();
    else if (wasEditing.current) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  // A fact the records show (a contact's role, a deal field) changes with the record, not here.
  const fromRecords = check.status === 'known' && check.recordedIn === null;
  const source = sourceText(check, m);

  const startEditing = () => {
    setValue(check.value ?? '');
    setEditing(true);
  };
  const onEditKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      onEdit(check, value);
      setEditing(false);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setEditing(false);
    }
  };

  return (
    <li data-status={check.status} data-fact={check.fact.key}>
      <label className="sn-radio">
        <input
          type="checkbox"
          checked={check.status === 'known'}
          disabled={fromRecords}
          title={fromRecords ? m.fromRecordsReadOnly : undefined}
          aria-label={m.markKnown(label)}
          onChange={(event) => onToggleKnown(check, event.target.checked)}
        />
        {label}
      </label>
      <span className="sn-fact-state">{m[`state_${check.status}`]}</span>
      {editing ? (
        <span className="sn-fact-chip-editor">
          <input ref={input} className="sn-input" aria-label={m.factValue(label)} value={value} onChange={(event) => setValue(event.target.value)} onKeyDown={onEditKeyDown} />
          <button
            type="button"
            className="sn-button"
            onClick={() => {
              onEdit(check, value);
              setEditing(false);
            }}
          >
            {m.saveFact}
          </button>
          <button type="button" className="sn-button" onClick={() => setEditing(false)}>
            {m.cancelEdit}
          </button>
        </span>
      ) : (
        <>
          {check.value ? <span data-testid="fact-value">{check.value}</span> : null}
          {!fromRecords && (
            <button ref={editButton} type="button" className="sn-link" aria-label={m.editFact(label)} onClick={startEditing}>
              {m.editShort}
            </button>
          )}
        </>
      )}
      {source && (
        <span className="sn-fact-source" data-testid="fact-source">
          {source}
        </span>
      )}
    </li>
  );
}
