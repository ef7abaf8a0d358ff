import { newActivityFields, type ActivityInput, type EntityName } from '../schemas';

/**
 * A record write as lib/db's `writeRecords` takes it. Declared here (same shape) because the
 * funnel core must not import lib/db; builders return these and the caller commits them.
 */
export interface FunnelWrite<E extends EntityName = EntityName> {
  entity: E;
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

/** A new activity: the server owns `authorId`, so it rides along only as a local display value. */
export function createActivityWrite(id: string, fields: ActivityInput, actorId: string | null | undefined): FunnelWrite<'activity'> {
  return {
    entity: 'activity',
    recordId: id,
    patch: newActivityFields(fields),
    localOnCreate: { authorId: actorId ?? null },
  };
}
