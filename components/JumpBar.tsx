import { coreMessages } from '@/lib/i18n/messages/core';
import { useMessages } from './i18n';

export type JumpTarget = 'guidance' | 'contacts' | 'deals' | 'timeline';

/** The key that jumps to each section of the card (see App's keyboard handler). */
export const JUMP_KEYS: Record<JumpTarget, string> = { guidance: 'G', contacts: 'P', deals: 'D', timeline: 'T' };

/** The rest of the card as a row of jumps, each with its key. */
export function JumpBar({ counts, onJump }: { counts: Partial<Record<JumpTarget, number>>; onJump: (target: JumpTarget) => void }) {
  const t = useMessages(coreMessages);
  return (
    <nav className="sn-jumpbar" aria-label={t.onThisCard} data-testid="jump-bar">
      {(Object.keys(JUMP_KEYS) as JumpTarget[]).map((target) => {
        const count = counts[target];
        return (
          <button key={target} type="button" className="sn-chip" aria-keyshortcuts={JUMP_KEYS[target]} onClick={() => onJump(target)}>
            {t[`section_${target}`]}
            {count !== undefined ? ` ${count}` : ''}
            <kbd className="sn-kbd">{JUMP_KEYS[target]}</kbd>
          </button>
        );
      })}
    </nav>
  );
}
