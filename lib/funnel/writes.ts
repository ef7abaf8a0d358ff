import type { ActivityFields, EntityName } from '../schemas';

/**
 * A record write as lib/db's `writeRecords` takes it. Declared here (same shape) because the
 * funnel core must not import lib/db; builders return these and the caller commits them.
 */
export interface FunnelWrite {
  entity: EntityName;
  recordId: string;
  patch: Record<string, unknown>;
  localOnCreate?: Record<string, unknown>;
  mustExist?: boolean;
}

/** Who is acting, and how to mint ids: injected so builders stay pure and testable. */
export interface WriteContext {
  now: number;
  newId: () => string;
  /** The rep's id when known; the server sets `authorId` for real on first sync. */
  actorId?: string | null;
  visibility?: 'team' | 'private';
}

type NewActivityFields = Omit<ActivityFields, 'authorId'>;

/** Every field a new activity needs, so a builder only names what matters. */
export function newActivityPatch(
  fields: Pick<NewActivityFields, 'type' | 'accountId' | 'occurredAt'> & Partial<NewActivityFields>,
): NewActivityFields {
  return {
    contactIds: [],
    dealId: null,
    visibility: 'team',
    subject: null,
    body: '',
    durationSeconds: null,
    callOutcome: null,
    phone: null,
    channel: null,
    location: null,
    nextStep: null,
    followUpAt: null,
    dueAt: null,
    completedAt: null,
    reminder: null,
    stageChange: null,
    source: null,
    captureKey: null,
    suggestionKey: null,
    deletedAt: null,
    ...fields,
  };
}

/** A new activity: the server owns `authorId`, so it rides along only as a local display value. */
export function createActivityWrite(id: string, fields: Parameters<typeof newActivityPatch>[0], actorId: string | null | undefined): FunnelWrite {
  return {
    entity: 'activity',
    recordId: id,
    patch: newActivityPatch(fields),
    localOnCreate: { authorId: actorId ?? null },
  };
}
