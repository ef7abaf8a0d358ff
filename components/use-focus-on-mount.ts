import { useEffect, useRef } from 'react';

/**
 * Moves focus into something the rep just opened (a form, a dialog), so the keyboard
 * follows the action; unlike `autoFocus`, it never fires on page load.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
