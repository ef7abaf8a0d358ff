import type { RepProfile } from '../schemas';
import type { Identity } from './items';

// Apart from profile.ts, which validates with Zod: the sidebar needs this for its first paint.

/**
 * The rep without a server: the first-run profile stands in for the server's identity, so
 * records name their owner and author (the work email) and the timeline says "You".
 * A server identity, once the browser has one, always wins.
 */
export function localIdentityOf(profile: RepProfile): Identity {
  return {
    repId: profile.email,
    repName: profile.name,
    repEmail: profile.email,
    teamId: '',
    teamName: '',
    serverUrl: '',
    reps: [{ id: profile.email, name: profile.name }],
  };
}

export function withLocalIdentity(identity: Identity | null, profile: RepProfile | null): Identity | null {
  if (identity) return identity;
  return profile ? localIdentityOf(profile) : null;
}
