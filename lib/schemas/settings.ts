import * as z from 'zod';

export const languageSettingSchema = z.enum(['auto', 'en', 'zh-CN']);
export type LanguageSetting = z.infer<typeof languageSettingSchema>;

export const serverSettingsSchema = z.strictObject({
  /** The team server's base address, e.g. https://sidenote.example.com or http://127.0.0.1:8787. */
  url: z.string().trim().max(2048),
  token: z.string().trim().max(512),
});
export type ServerSettings = z.infer<typeof serverSettingsSchema>;

/** A rep's own reusable text for the composer ("pricing follow-up", "demo recap"). */
export const snippetSchema = z.strictObject({
  id: z.string().min(1).max(64),
  title: z.string().trim().min(1, { message: 'A snippet needs a title' }).max(80),
  text: z.string().min(1, { message: 'A snippet needs some text' }).max(4000),
});
export type Snippet = z.infer<typeof snippetSchema>;
export const snippetsSchema = z.array(snippetSchema).max(200);

/** Domains and addresses Sidenote never captures or matches (internal, personal). */
export const privacySettingsSchema = z.strictObject({
  neverLog: z.array(z.string().trim().toLowerCase().min(1).max(320)).max(500),
  defaultVisibility: z.enum(['team', 'private']),
});
export type PrivacySettings = z.infer<typeof privacySettingsSchema>;
