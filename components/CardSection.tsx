import { useEffect, useRef, type ReactNode } from 'react';

interface CardSectionProps {
  id: string;
  label: string;
  /** False until the first screen has painted: a big card shows its top first. */
  ready: boolean;
  /** Changes when the rep jumps here by key; the section then scrolls up and takes focus. */
  jumpSeq: number | null;
  children: ReactNode;
}

/** A part of the account card below the composer: rendered after first paint, one key away. */
export function CardSection({ id, label, ready, jumpSeq, children }: CardSectionProps) {
  const ref = useRef<HTMLElement>(null);
  // A jump made before this card was shown (on another account) is not a jump to this one.
  const seqAtMount = useRef(jumpSeq);
  useEffect(() => {
    if (jumpSeq === null || jumpSeq === seqAtMount.current || !ready) return;
    const section = ref.current;
    if (!section) return;
    section.scrollIntoView?.({ block: 'start' });
    section.focus({ preventScroll: true });
  }, [jumpSeq, ready]);
  return (
    <section ref={ref} id={id} className="sn-section" aria-label={label} tabIndex={-1} data-testid={id}>
      {ready ? children : <div className="sn-section__placeholder" />}
    </section>
  );
}
