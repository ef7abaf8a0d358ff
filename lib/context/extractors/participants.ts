import type { WebmailThread } from '../../schemas';
import { MAX_ADDRESSES, cleanPersonName, normalizeAddress } from './addresses';

export type ParticipantRole = WebmailThread['participants'][number]['role'];

/**
 * The people on a thread in the order the schema promises: the newest message's sender
 * first, then everyone else once. A later sighting can only fill in a missing name.
 */
export class ParticipantList {
  private readonly byAddress = new Map<string, WebmailThread['participants'][number]>();

  add(rawAddress: string, name: string | null, role: ParticipantRole): void {
    const address = normalizeAddress(rawAddress);
    if (!address) return;
    const existing = this.byAddress.get(address);
    const cleanName = cleanPersonName(name, address);
    if (existing) {
      if (!existing.name && cleanName) existing.name = cleanName;
      return;
    }
    if (this.byAddress.size >= MAX_ADDRESSES) return;
    this.byAddress.set(address, { address, name: cleanName, role });
  }

  get size(): number {
    return this.byAddress.size;
  }

  list(): WebmailThread['participants'] {
    return [...this.byAddress.values()];
  }
}

/** What a webmail extractor read: the open thread, and where to look for more addresses. */
export interface WebmailRead {
  thread: WebmailThread;
  /** What to scan for links and addresses, newest message first; the open conversation only. */
  scanRoots: Array<ParentNode & Node>;
}
