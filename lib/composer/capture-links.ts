/**
 * What a capture links to when the page shows several people (the participant picker's
 * value), as the rep adds contacts and accounts from the page's offers. Pure: the sidebar
 * keeps the value in React state, keyed by the page.
 */
import type { CaptureSelection, ContextMatch } from '../context/match';

type AddContactOffer = ContextMatch['addContacts'][number];
type CreateAccountOffer = ContextMatch['createAccounts'][number];

/**
 * "Add … as contact" opens the contact form; the people already ticked stay ticked. Only an
 * offer at another company moves the capture there, and then nobody from the old one fits.
 */
export function selectionForAddingContact(current: CaptureSelection, offer: AddContactOffer): CaptureSelection {
  if (offer.accountId === current.accountId) return current;
  return { accountId: offer.accountId, contactIds: [], dealId: null };
}

/** The contact the rep just created from an offer joins the ticked people of its account. */
export function selectionWithCreatedContact(current: CaptureSelection, contact: { id: string; accountId: string | null }): CaptureSelection {
  if (current.contactIds.includes(contact.id)) return current;
  if (contact.accountId && current.accountId && contact.accountId !== current.accountId) return current;
  return { ...current, accountId: current.accountId ?? contact.accountId, contactIds: [...current.contactIds, contact.id] };
}

/**
 * The picker's "Create account …" offers, minus the one the no-match panel already makes
 * for the page itself: the same company offered twice reads as two different actions.
 */
export function createOffersBesidePage(offers: readonly CreateAccountOffer[], pageOffer: CreateAccountOffer | null): CreateAccountOffer[] {
  if (!pageOffer) return [...offers];
  const same = (offer: CreateAccountOffer) => (offer.domain !== null && offer.domain === pageOffer.domain) || offer.name === pageOffer.name;
  return offers.filter((offer) => !same(offer));
}
