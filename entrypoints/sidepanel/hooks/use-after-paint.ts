import { useEffect, useState } from 'react';

/**
 * True once a frame has painted after `when` became true (and from then on). A card's lower
 * sections and the reads its first screen does not show wait for it: a render flushed at
 * once (a pick) runs its effects before the browser paints, so an effect alone does not wait.
 */
export function useAfterPaint(when = true): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!when || ready) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // rAF runs just before the frame's paint; the timer after it.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setReady(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [when, ready]);
  return ready;
}
