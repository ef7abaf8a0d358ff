import * as z from 'zod';
import { entityNameSchema } from './entities';
import { hlcSchema, idSchema } from './primitives';

/** Bumped when push or pull change shape; the server refuses other versions with a clear error. */
export const SYNC_PROTOCOL_VERSION = 1;
export const MAX_MUTATIONS_PER_PUSH = 500;
export const MAX_PULL_PAGE_SIZE = 1000;
export const DEFAULT_PULL_PAGE_SIZE = 500;
/** A push body larger than this is refused (413); clients split batches to stay under it. */
export const MAX_PUSH_BODY_BYTES = 4 * 1024 * 1024;
/** Stamps further ahead of the server's clock than this are refused until the device clock is fixed. */
export const MAX_CLOCK_SKEW_MS = 10 * 60 * 1000;
/** Request header carrying SYNC_PROTOCOL_VERSION on push, pull and events. */
export const SYNC_PROTOCOL_HEADER = 'sidenote-protocol';

/**
 * A patch as sent: field names to values. It is copied into an object without a prototype,
 * so a key such as `__proto__` stays an ordinary key that the patch check refuses by name;
 * on a plain object that key would set the prototype instead and silently vanish.
 */
const sentPatchSchema = z
  .custom<Record<string, unknown>>((value) => value !== null && typeof value === 'object' && !Array.isArray(value), {
    message: 'must be an object of field names to values',
  })
  .transform((raw) => {
    const patch = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(raw)) patch[key] = raw[key];
    return patch;
  });

/**
 * One write from a client outbox. `patch` holds domain fields (or `map.key` entries of map
 * fields); every field in it takes the mutation's `hlc`. The server validates `patch`
 * against the entity's field schema, so it stays `unknown` here.
 */
export const mutationSchema = z.strictObject({
  id: idSchema,
  entity: entityNameSchema,
  recordId: idSchema,
  patch: sentPatchSchema,
  hlc: hlcSchema,
});
export type Mutation = z.infer<typeof mutationSchema>;

export const pushRequestSchema = z.strictObject({
  protocolVersion: z.literal(SYNC_PROTOCOL_VERSION),
  clientId: z.string().regex(/^[0-9a-z]{4,32}$/),
  mutations: z.array(mutationSchema).min(1).max(MAX_MUTATIONS_PER_PUSH, {
    message: `at most ${MAX_MUTATIONS_PER_PUSH} mutations per push; split the batch`,
  }),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const mutationResultSchema = z.strictObject({
  mutationId: idSchema,
  /** `duplicate`: this id was applied before, so this push had no second effect. */
  status: z.enum(['applied', 'duplicate']),
  /** Fields whose write lost to a newer one already on the server. */
  lostFields: z.array(z.string()),
  /** Who made the newer write that won, when a field lost. */
  lostTo: z.string().nullable(),
});
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.strictObject({
  results: z.array(mutationResultSchema),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/**
 * A 422 lists at most this many refused mutations (and says how many there were), so a refusal
 * stays small however large the push; the client sets those aside and sends the rest again.
 */
export const MAX_REJECTIONS_LISTED = 20;

/** Why a mutation was refused. `permanent` ones will never apply: the client parks them. */
export const mutationRejectionSchema = z.strictObject({
  mutationId: idSchema,
  code: z.enum(['invalid', 'forbidden', 'not_found', 'conflict', 'clock_skew']),
  message: z.string(),
  permanent: z.boolean(),
});
export type MutationRejection = z.infer<typeof mutationRejectionSchema>;

/** A pull cursor is `<seq>` or `<seq>.<generation>`; anything longer was not issued by a server. */
export const MAX_PULL_CURSOR_LENGTH = 64;
/** A pull body is about 40 bytes; anything near this is not a Sidenote client (413). */
export const MAX_PULL_BODY_BYTES = 4 * 1024;

/**
 * `POST /v1/pull`: the page to read, in the body rather than the address. Chromium keys its
 * CORS preflight cache by URL, so with the cursor in the URL every page paid a preflight; one
 * fixed URL lets every page after the first reuse the cached one (Access-Control-Max-Age).
 * Both fields are required and typed (a number, not "10"): one spelling per request.
 */
export const pullRequestSchema = z.strictObject({
  /** The cursor of the last page, or "" to start from the beginning. The server checks its form. */
  cursor: z.string().max(MAX_PULL_CURSOR_LENGTH, { message: `must be at most ${MAX_PULL_CURSOR_LENGTH} characters: send back the cursor of the last pull, or ""` }),
  limit: z
    .number()
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(MAX_PULL_PAGE_SIZE, { message: `must be at most ${MAX_PULL_PAGE_SIZE}` }),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

export const pulledChangeSchema = z.strictObject({
  entity: entityNameSchema,
  id: idSchema,
  seq: z.number().int().positive(),
  /** The whole record (tombstones included); null when the rep may no longer see it. */
  record: z.record(z.string(), z.unknown()).nullable(),
});
export type PulledChange = z.infer<typeof pulledChangeSchema>;

export const pullResponseSchema = z.strictObject({
  changes: z.array(pulledChangeSchema),
  /** Opaque; send it back to continue after the last change. */
  cursor: z.string(),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const repSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
});
export type Rep = z.infer<typeof repSchema>;

export const helloResponseSchema = z.strictObject({
  protocolVersion: z.number().int(),
  serverVersion: z.string(),
  team: z.strictObject({ id: z.string(), name: z.string() }),
  rep: repSchema,
  reps: z.array(repSchema),
});
export type HelloResponse = z.infer<typeof helloResponseSchema>;

export const apiErrorCodeSchema = z.enum([
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'payload_too_large',
  'unsupported_protocol',
  'rate_limited',
  'mutation_rejected',
  'bad_cursor',
  /** 410: the browser was away longer than the server keeps deletions; pull again from the start. */
  'resync_required',
  'internal',
]);

/** Every failure the server returns has this shape. */
export const apiErrorSchema = z.strictObject({
  error: z.strictObject({
    code: apiErrorCodeSchema,
    message: z.string(),
    details: z.unknown().optional(),
    /** Which part of the request was wrong, e.g. `body.mutations.3.hlc` or `query.cursor`. */
    where: z.string().optional(),
    /** What to do about it, in one sentence. */
    fix: z.string().optional(),
    rejected: z.array(mutationRejectionSchema).optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** Data of a `change` (and the first `ready`) server-sent event: the team's sequence advanced to `seq`. */
export const teamChangeEventSchema = z.strictObject({
  seq: z.number().int().nonnegative(),
});
export type TeamChangeEvent = z.infer<typeof teamChangeEventSchema>;

/** At most this many ids in one `POST /v1/records`. */
export const MAX_RECORDS_PER_FETCH = 100;

/**
 * Fetches the server's current copy of a few records, e.g. after the server refused a
 * local change for good, so the local row can fall back to the team's version.
 */
export const fetchRecordsRequestSchema = z.strictObject({
  ids: z.array(idSchema).min(1).max(MAX_RECORDS_PER_FETCH),
});

export const fetchRecordsResponseSchema = z.strictObject({
  /** One entry per requested id; `record` is null when it does not exist or the rep may not see it. */
  records: z.array(
    z.strictObject({
      id: idSchema,
      entity: entityNameSchema.nullable(),
      record: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
});
export type FetchRecordsResponse = z.infer<typeof fetchRecordsResponseSchema>;
