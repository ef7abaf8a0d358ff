import { useEffect, useState } from 'react';
import type { WxtStorageItem } from 'wxt/utils/storage';
import type * as z from 'zod';

/** A setting from extension storage, parsed, kept current when another page changes it. */
export function useStoredSetting<T>(item: WxtStorageItem<T, Record<string, unknown>>, schema: z.ZodType<T>, fallback: T): T {
  const [value, setValue] = useState<T>(fallback);
  useEffect(() => {
    let live = true;
    const apply = (raw: unknown) => {
      const parsed = schema.safeParse(raw);
      if (live) setValue(parsed.success ? parsed.data : fallback);
    };
    void item.getValue().then(apply);
    const unwatch = item.watch(apply);
    return () => {
      live = false;
      unwatch();
    };
    // The item, schema and fallback are module constants.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [item]);
  return value;
}
