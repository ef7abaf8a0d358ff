import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as z from 'zod';
import type { ApiError, MutationRejection, apiErrorCodeSchema } from '../../lib/schemas';

export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

export interface FailureExtras {
  where?: string;
  fix?: string;
  details?: unknown;
  rejected?: MutationRejection[];
  /** Sent as Retry-After (seconds) on 429. */
  retryAfterSeconds?: number;
}

/** A request the server refuses; becomes an `apiErrorSchema` body with this status. */
export class ApiFailure extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ApiErrorCode,
    message: string,
    readonly extras: FailureExtras = {},
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  toBody(): ApiError {
    const { where, fix, details, rejected } = this.extras;
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(where !== undefined ? { where } : {}),
        ...(fix !== undefined ? { fix } : {}),
        ...(details !== undefined ? { details } : {}),
        ...(rejected !== undefined ? { rejected } : {}),
      },
    };
  }
}

export function badRequest(message: string, extras: FailureExtras = {}): ApiFailure {
  return new ApiFailure(400, 'bad_request', message, extras);
}

/** The first few names, then how many more: an answer must not grow with what a hostile request sends. */
function listSome(names: readonly PropertyKey[], max = 5): string {
  const shown = names.slice(0, max).map((name) => JSON.stringify(String(name)).slice(1, -1).slice(0, 64));
  return names.length > max ? `${shown.join(', ')} and ${names.length - max} more` : shown.join(', ');
}

/** Turns Zod issues into one sentence and the path of the first one, e.g. `body.mutations.2.hlc`. */
export function describeZodError(error: { issues: readonly z.core.$ZodIssue[] }, root: string): { message: string; where: string; issues: Array<{ path: string; message: string }> } {
  const issues = error.issues.slice(0, 20).map((issue) => ({
    path: [root, ...issue.path.map((part) => String(part).slice(0, 64))].join('.'),
    message: issue.code === 'unrecognized_keys' ? `unknown field(s): ${listSome(issue.keys)}` : issue.message,
  }));
  const first = issues[0] ?? { path: root, message: 'invalid' };
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  return { message: `${first.path}: ${first.message}${more}`, where: first.path, issues };
}
