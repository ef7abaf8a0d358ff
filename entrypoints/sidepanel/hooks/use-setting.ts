import { useEffect, useState } from 'react';
import type { WxtStorageItem } from 'wxt/utils/storage';
import type * as z from 'zod';
import { loadSettingsSchemas } from '../lazy';

type SettingsSchemas = Awaited<ReturnType<typeof loadSettingsSchemas>>;

/**
 * A setting from extension storage, parsed with its schema, kept current when another page
 * changes it. Until the schemas load (a few milliseconds after first paint) it is the fallback.
 */
export function useSetting<T>(
  item: WxtStorageItem<T, Record<string, unknown>>,
  pickSchema: (schemas: SettingsSchemas) => z.ZodType<T>,
  fallback: T,
): T {
  const [value, setValue] = useState<T>(fallback);
  useEffect(() => {
    let live = true;
    let unwatch = () => {};
    void loadSettingsSchemas().then((schemas) => {
      if (!live) return;
      const schema = pickSchema(schemas);
      const apply = (raw: unknown) => {
        const parsed = schema.safeParse(raw);
        if (live) setValue(parsed.success ? parsed.data : fallback);
      };
      void item.getValue().then(apply);
      unwatch = item.watch(apply);
    });
    return () => {
      live = false;
      unwatch();
    };
    // The item, schema picker and fallback are module constants.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [item]);
  return value;
}
