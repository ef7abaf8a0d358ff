import * as z from 'zod';

export const languageSettingSchema = z.enum(['auto', 'en', 'zh-CN']);
export type LanguageSetting = z.infer<typeof languageSettingSchema>;

export const serverSettingsSchema = z.strictObject({
  /** The team server's base address, e.g. https://sidenote.example.com or http://127.0.0.1:8787. */
  url: z.string().trim().max(2048),
  token: z.string().trim().max(512),
});
export type ServerSettings = z.infer<typeof serverSettingsSchema>;

/** Domains and addresses Sidenote never captures or matches (internal, personal). */
export const privacySettingsSchema = z.strictObject({
  neverLog: z.array(z.string().trim().toLowerCase().min(1).max(320)).max(500),
  defaultVisibility: z.enum(['team', 'private']),
});
export type PrivacySettings = z.infer<typeof privacySettingsSchema>;
