import type { CaptureSelection, ContextMatch } from '../context/match';

/**
 * Who and what a logged thread links to: the rep's pick when the picker is shown, else
 * every participant already known as a contact of the account in view.
 */
export function threadLinksOf(
  match: Pick<ContextMatch, 'people'> | null | undefined,
  selection: CaptureSelection | null,
  accountId: string,
): { contactIds: string[]; dealId: string | null } {
  if (selection && selection.accountId === accountId) return { contactIds: [...selection.contactIds], dealId: selection.dealId };
  const contactIds = (match?.people ?? []).flatMap((person) => (person.contact && person.contact.accountId === accountId ? [person.contact.id] : []));
  return { contactIds: [...new Set(contactIds)], dealId: null };
}
