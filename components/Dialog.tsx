import { useEffect, useRef, type ReactNode } from 'react';

/** A modal built on <dialog>: focus moves in, Escape closes, focus returns to the opener. */
export function Dialog({ open, label, onClose, children }: { open: boolean; label: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  // Whatever last had focus outside the dialog (the `?` button, the search box): closing must
  // hand focus back there, or the keyboard starts again from <body>. It is followed while the
  // dialog is closed, because content that focuses itself on mount runs before this effect.
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || open) return;
    const note = (target: EventTarget | null) => {
      if (target instanceof HTMLElement && target !== document.body && !dialog.contains(target)) opener.current = target;
    };
    note(document.activeElement);
    const onFocusIn = (event: FocusEvent) => note(event.target);
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, [open]);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open) {
      if (!dialog.open) dialog.showModal?.();
      return;
    }
    if (!dialog.open) return;
    dialog.close?.();
    if (opener.current?.isConnected) opener.current.focus();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="sn-dialog"
      aria-label={label}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open && children}
    </dialog>
  );
}
