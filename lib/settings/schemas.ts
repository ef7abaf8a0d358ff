import * as z from 'zod';
import type { WxtStorageItem } from 'wxt/utils/storage';
import { languageSettingSchema, privacySettingsSchema, repProfileSchema, serverSettingsSchema, snippetsSchema } from '../schemas';
import {
  DEFAULT_PRIVACY_SETTINGS,
  DEFAULT_SERVER_SETTINGS,
  identityItem,
  profileItem,
  languageItem,
  privacyItem,
  serverSettingsItem,
  type Identity,
} from './items';

export { languageSettingSchema, privacySettingsSchema, repProfileSchema, serverSettingsSchema, snippetsSchema };

export const identitySchema: z.ZodType<Identity> = z.strictObject({
  repId: z.string(),
  repName: z.string(),
  repEmail: z.string().nullable(),
  teamId: z.string(),
  teamName: z.string(),
  serverUrl: z.string(),
  reps: z.array(z.strictObject({ id: z.string(), name: z.string() })),
});
export const nullableIdentitySchema = identitySchema.nullable();
export const nullableProfileSchema = repProfileSchema.nullable();
export const firstRunSkippedSchema = z.boolean();

/** Storage can hold anything an older version wrote: parse on read, fall back when it does not fit. */
export async function readSetting<T>(item: WxtStorageItem<T, Record<string, unknown>>, schema: z.ZodType<T>, fallback: T): Promise<T> {
  const result = schema.safeParse(await item.getValue());
  return result.success ? result.data : fallback;
}

export const readServerSettings = () => readSetting(serverSettingsItem, serverSettingsSchema, DEFAULT_SERVER_SETTINGS);
export const readLanguage = () => readSetting(languageItem, languageSettingSchema, 'auto');
export const readPrivacy = () => readSetting(privacyItem, privacySettingsSchema, DEFAULT_PRIVACY_SETTINGS);
export const readIdentity = () => readSetting(identityItem, nullableIdentitySchema, null);
export const readProfile = () => readSetting(profileItem, nullableProfileSchema, null);
