import { repProfileSchema, type RepProfile } from '../schemas';
import { emailDomain } from '../context/never-log';
export { localIdentityOf, withLocalIdentity } from './local-identity';

export interface ProfileFormValues {
  name: string;
  email: string;
  companyDomain: string;
}

export type ProfileField = keyof ProfileFormValues;
export type ProfileProblem = 'nameMissing' | 'emailInvalid' | 'emailTooLong' | 'domainInvalid';

/** The company domain a work email suggests: its domain, unless it is a personal mailbox. */
const PERSONAL_MAIL = new Set(['gmail.com', 'outlook.com', 'hotmail.com', 'yahoo.com', 'icloud.com', 'qq.com', '163.com', '126.com', 'foxmail.com', 'sina.com', 'live.com']);

export function suggestCompanyDomain(email: string): string {
  const domain = emailDomain(email.trim().toLowerCase());
  return domain && !PERSONAL_MAIL.has(domain) ? domain : '';
}

/** Checks the first-run form; the first problem per field, in the form's order, so the rep can fix exactly that. */
export function parseProfileForm(values: ProfileFormValues): { ok: true; profile: RepProfile } | { ok: false; problems: Partial<Record<ProfileField, ProfileProblem>> } {
  const cleaned = { name: values.name.trim(), email: values.email.trim(), companyDomain: values.companyDomain.trim().replace(/^https?:\/\//i, '').replace(/\/.*$/, '') };
  const parsed = repProfileSchema.safeParse(cleaned);
  if (parsed.success) return { ok: true, profile: parsed.data };
  const problems: Partial<Record<ProfileField, ProfileProblem>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as ProfileField;
    if (problems[field]) continue;
    if (field === 'name') problems.name = 'nameMissing';
    else if (field === 'email') problems.email = cleaned.email.length > 64 && cleaned.email.includes('@') ? 'emailTooLong' : 'emailInvalid';
    else problems.companyDomain = 'domainInvalid';
  }
  return { ok: false, problems };
}
