import * as z from 'zod';
import { THREAD_TEXT_MAX_CHARACTERS, webmailProviderSchema } from './activity';
import { epochMsSchema } from './primitives';

/** Bounds keep a hostile or huge page from flooding the sidebar or the message channel. */
const MAX_ADDRESSES = 200;

export const personAddressSchema = z.strictObject({
  address: z.string().max(320),
  name: z.string().max(300).nullable(),
});
export type PersonAddress = z.infer<typeof personAddressSchema>;

export const webmailThreadSchema = z.strictObject({
  provider: webmailProviderSchema,
  threadId: z.string().max(512).nullable(),
  subject: z.string().max(1000).nullable(),
  /** Sender of the newest visible message first, then everyone else on the thread. */
  participants: z.array(personAddressSchema.extend({ role: z.enum(['from', 'to', 'cc']) })).max(MAX_ADDRESSES),
  /** Messages in the open conversation, collapsed ones included. */
  messageCount: z.number().int().min(1).max(10_000).nullable().optional(),
  /** When the newest message was sent, read from its header in the browser's time zone. */
  latestAt: epochMsSchema.nullable().optional(),
  /** The newest expanded message's own text, quoted replies left out. */
  latestText: z.string().max(THREAD_TEXT_MAX_CHARACTERS).nullable().optional(),
  /** Every expanded message's own text, newest first. */
  visibleText: z.string().max(THREAD_TEXT_MAX_CHARACTERS).nullable().optional(),
});
export type WebmailThread = z.infer<typeof webmailThreadSchema>;

export const profileSchema = z.strictObject({
  name: z.string().max(300),
  headline: z.string().max(1000).nullable(),
  company: z.string().max(300).nullable(),
  profileUrl: z.string().max(4096),
});
export type Profile = z.infer<typeof profileSchema>;

/** What a content script read from the page. Every field is page text: render as text only. */
export const pageContextSchema = z.strictObject({
  url: z.string().max(8192),
  title: z.string().max(2000),
  canonicalUrl: z.string().max(8192).nullable(),
  siteName: z.string().max(300).nullable(),
  /** Registrable domain (eTLD+1), e.g. `acme.com.cn` for `www.sales.acme.com.cn`. */
  domain: z.string().max(253).nullable(),
  kind: z.enum(['generic', 'webmail', 'profile']),
  emails: z.array(personAddressSchema).max(MAX_ADDRESSES),
  phones: z.array(z.string().max(60)).max(MAX_ADDRESSES),
  selection: z.string().max(65_536).nullable(),
  webmail: webmailThreadSchema.nullable(),
  profile: profileSchema.nullable(),
});
export type PageContext = z.infer<typeof pageContextSchema>;
