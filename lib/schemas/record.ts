import * as z from 'zod';
import { epochMsSchema, hlcSchema, idSchema } from './primitives';

/**
 * Bookkeeping every synced record carries. `clock` maps each field (or `map.key` for map
 * fields) to the stamp of its last write; the merge compares those, never wall time.
 * `deletedAt` is a tombstone field like any other, so a delete syncs and can be undone.
 */
export const recordMetaSchema = z.object({
  id: idSchema,
  createdAt: epochMsSchema,
  updatedAt: epochMsSchema,
  deletedAt: epochMsSchema.nullable(),
  /** Rep id of the last writer as the server saw it; null until first synced. */
  updatedBy: z.string().max(64).nullable(),
  clock: z.record(z.string(), hlcSchema),
});
export type RecordMeta = z.infer<typeof recordMetaSchema>;

/** Fields a client may never set through a patch: the server and the merge own them. */
export const META_FIELDS = ['id', 'createdAt', 'updatedAt', 'updatedBy', 'clock'] as const;
