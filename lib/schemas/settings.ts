import * as z from 'zod';
import { domainSchema, emailSchema } from './primitives';

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

/** What Log this thread keeps of a webmail thread's text: the subject only, an excerpt of the latest message, or all visible text. */
export const THREAD_CAPTURE_MODES = ['subject', 'excerpt', 'visible'] as const;
export const threadCaptureModeSchema = z.enum(THREAD_CAPTURE_MODES);
export type ThreadCaptureMode = z.infer<typeof threadCaptureModeSchema>;

/** Domains and addresses Sidenote never captures or matches (internal, personal). */
export const privacySettingsSchema = z.strictObject({
  neverLog: z.array(z.string().trim().toLowerCase().min(1).max(320)).max(500),
  defaultVisibility: z.enum(['team', 'private']),
  /** Settings saved before it existed read as the default, excerpt. */
  threadCapture: threadCaptureModeSchema.default('excerpt'),
});
export type PrivacySettings = z.infer<typeof privacySettingsSchema>;

/**
 * The rep as they introduced themselves on first run: who writes when there is no server
 * identity. The work email is the local rep id (an owner or author id holds 64 characters).
 */
export const repProfileSchema = z.strictObject({
  name: z.string().trim().min(1, { message: 'Enter your name' }).max(100),
  email: emailSchema.pipe(z.string().max(64, { message: 'must be at most 64 characters' })),
  companyDomain: domainSchema,
});
export type RepProfile = z.infer<typeof repProfileSchema>;
