import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { ChipDecision } from '@/lib/facts/accept';
import type { ProposalChip } from '@/lib/facts/proposals';
import { factsMessages } from '@/lib/i18n/messages/facts';
import { useMessages } from '../i18n';

interface FactChipsProps {
  chips: readonly ProposalChip[];
  decisions: Readonly<Record<string, ChipDecision>>;
  onDecide: (chip: ProposalChip, decision: ChipDecision) => void;
  /** `draft`: decisions are saved with the note; `saved`: the note is stored, accepting writes at once. */
  mode: 'draft' | 'saved';
  /** Where focus goes when the last chip is dismissed (the note field). */
  onDone?: () => void;
}

/**
 * Proposals from the rep's note, one tab stop: arrow keys move between chips, Enter or Tab
 * accepts the focused one (Tab on a decided chip moves on as usual), Esc dismisses it, F2 or
 * a click edits it. A chip only proposes; it is never accepted without the rep's key or click.
 */
export function FactChips({ chips, decisions, onDecide, mode, onDone }: FactChipsProps) {
  const t = useMessages(factsMessages);
  const id = useId();
  const visible = chips.filter((chip) => decisions[chip.id]?.status !== 'dismissed');
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const pendingFocus = useRef<string | null>(null);
  const current = visible.find((chip) => chip.id === focusedId) ?? visible[0];

  useEffect(() => {
    if (!pendingFocus.current) return;
    buttons.current.get(pendingFocus.current)?.focus();
    pendingFocus.current = null;
  });

  if (!visible.length) return null;
  const statusOf = (chip: ProposalChip) => decisions[chip.id]?.status ?? 'pending';
  const accepted = visible.filter((chip) => statusOf(chip) === 'accepted').length;

  const focusChip = (chipId: string | undefined) => {
    if (!chipId) return;
    setFocusedId(chipId);
    pendingFocus.current = chipId;
    buttons.current.get(chipId)?.focus();
  };
  /** The next chip still waiting for a decision after `index`, wrapping; the same chip when none. */
  const nextPending = (index: number, excluding: string) => {
    for (let step = 1; step <= visible.length; step++) {
      const candidate = visible[(index + step) % visible.length]!;
      if (candidate.id !== excluding && statusOf(candidate) === 'pending') return candidate.id;
    }
    return undefined;
  };

  const accept = (chip: ProposalChip, index: number) => {
    onDecide(chip, { ...decisions[chip.id], status: 'accepted' });
    focusChip(nextPending(index, chip.id) ?? chip.id);
  };
  const dismiss = (chip: ProposalChip, index: number) => {
    onDecide(chip, { ...decisions[chip.id], status: 'dismissed' });
    const rest = visible.filter((other) => other.id !== chip.id);
    if (!rest.length) {
      onDone?.();
      return;
    }
    focusChip(nextPending(index, chip.id) ?? rest[Math.min(index, rest.length - 1)]!.id);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, chip: ProposalChip, index: number) => {
    const status = statusOf(chip);
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      // Enter on an accepted chip takes the acceptance back (before the note is saved).
      if (status === 'accepted' && mode === 'draft') onDecide(chip, { ...decisions[chip.id], status: 'pending' });
      else accept(chip, index);
    } else if (event.key === 'Tab' && !event.shiftKey && status === 'pending') {
      event.preventDefault();
      accept(chip, index);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      dismiss(chip, index);
    } else if (event.key === 'F2') {
      event.preventDefault();
      setEditingId(chip.id);
    } else if (event.key === 'ArrowRight' || event.key === 'ArrowDown' || event.key === 'ArrowLeft' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : -1;
      focusChip(visible[(index + step + visible.length) % visible.length]!.id);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      focusChip((event.key === 'Home' ? visible[0] : visible[visible.length - 1])!.id);
    }
  };

  const onClick = (event: MouseEvent<HTMLButtonElement>, chip: ProposalChip) => {
    setFocusedId(chip.id);
    setEditingId(chip.id);
    event.preventDefault();
  };

  return (
    <div className="sn-fact-chips" role="group" aria-label={mode === 'draft' ? t.proposalsTitle : t.proposalsAfterSave} aria-describedby={`${id}-help`} data-testid="fact-chips">
      <span className="sn-hint">{mode === 'draft' ? t.proposalsTitle : t.proposalsAfterSave}</span>
      <span id={`${id}-help`} className="sn-visually-hidden">
        {mode === 'draft' ? t.proposalsHelp : t.proposalsAfterSaveHelp}
      </span>
      <div className="sn-chip-row">
        {visible.map((chip, index) => {
          const status = statusOf(chip);
          if (editingId === chip.id) {
            return (
              <ChipEditor
                key={chip.id}
                chip={chip}
                decision={decisions[chip.id]}
                onAccept={(edit) => {
                  setEditingId(null);
                  onDecide(chip, { ...edit, status: 'accepted' });
                  focusChip(nextPending(index, chip.id) ?? chip.id);
                }}
                onCancel={() => {
                  setEditingId(null);
                  focusChip(chip.id);
                }}
              />
            );
          }
          return (
            <span key={chip.id} className="sn-fact-chip" data-status={status}>
              <button
                ref={(element) => {
                  if (element) buttons.current.set(chip.id, element);
                  else buttons.current.delete(chip.id);
                }}
                type="button"
                className="sn-chip"
                aria-pressed={status === 'accepted'}
                tabIndex={chip.id === current?.id ? 0 : -1}
                title={chip.quote}
                onFocus={() => setFocusedId(chip.id)}
                onKeyDown={(event) => onKeyDown(event, chip, index)}
                onClick={(event) => onClick(event, chip)}
                data-testid="fact-chip"
              >
                {status === 'accepted' ? '✓ ' : ''}
                {chip.label}
                {chip.kind === 'fact' && chip.previous ? ` ${t.was(chip.previous)}` : ''}
              </button>
              <button type="button" className="sn-chip-dismiss" tabIndex={-1} aria-label={t.dismiss(chip.label)} onClick={() => dismiss(chip, index)}>
                ×
              </button>
            </span>
          );
        })}
      </div>
      {mode === 'draft' && accepted > 0 && (
        <span className="sn-hint" aria-live="polite">
          {t.acceptedCount(accepted)}
        </span>
      )}
    </div>
  );
}

interface ChipEditorProps {
  chip: ProposalChip;
  decision: ChipDecision | undefined;
  onAccept: (edit: { value: string; date?: string | null }) => void;
  onCancel: () => void;
}

/** Edits a chip's value (and a next step's date) before accepting it; Enter accepts, Esc cancels. */
function ChipEditor({ chip, decision, onAccept, onCancel }: ChipEditorProps) {
  const t = useMessages(factsMessages);
  const initial = decision?.value ?? (chip.kind === 'fact' ? chip.value : chip.kind === 'contact' ? chip.name : chip.step);
  const [value, setValue] = useState(initial);
  const [date, setDate] = useState(chip.kind === 'nextStep' ? (decision?.date ?? chip.date ?? '') : '');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const submit = (event: { preventDefault(): void; stopPropagation(): void }) => {
    event.preventDefault();
    event.stopPropagation();
    if (!value.trim()) return;
    onAccept(chip.kind === 'nextStep' ? { value, date: date || null } : { value });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    } else if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      submit(event);
    }
  };
  // A form inside the composer's form is not allowed: a group of fields with their own keys.
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <span className="sn-fact-chip-editor" role="group" aria-label={t.edit(chip.label)} onKeyDown={onKeyDown}>
      <input ref={input} className="sn-input" aria-label={t.editValue(chip.title)} value={value} onChange={(event) => setValue(event.target.value)} />
      {chip.kind === 'nextStep' && <input className="sn-input" type="date" aria-label={t.editDate} value={date} onChange={(event) => setDate(event.target.value)} />}
      <button type="button" className="sn-button" onClick={submit}>
        {t.saveEdit}
      </button>
      <button type="button" className="sn-button" onClick={onCancel}>
        {t.cancelEdit}
      </button>
    </span>
  );
}
