import { createMiddleware } from 'hono/factory';
import { SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../lib/schemas';
import type { AppEnv } from './auth';
import { ApiFailure } from './errors';

/** Push, pull and events speak one protocol version; anything else gets a clear refusal. */
export function requireProtocol() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const sent = c.req.header(SYNC_PROTOCOL_HEADER);
    if (sent !== String(SYNC_PROTOCOL_VERSION)) {
      throw new ApiFailure(
        400,
        'unsupported_protocol',
        sent === undefined
          ? `The ${SYNC_PROTOCOL_HEADER} header is missing; this server speaks sync protocol ${SYNC_PROTOCOL_VERSION}.`
          : `This server speaks sync protocol ${SYNC_PROTOCOL_VERSION}, not ${sent.slice(0, 20)}.`,
        {
          where: `header.${SYNC_PROTOCOL_HEADER}`,
          fix: 'Update the Sidenote extension (or the server) so both speak the same protocol version.',
          details: { serverProtocolVersion: SYNC_PROTOCOL_VERSION },
        },
      );
    }
    await next();
  });
}

/** Bodies are JSON only: anything else would be read as an empty object and fail confusingly. */
export function requireJsonBody() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      throw new ApiFailure(415, 'bad_request', `The body must be JSON, not "${type.slice(0, 60) || 'nothing'}".`, {
        where: 'header.content-type',
        fix: 'Send Content-Type: application/json with a JSON body.',
      });
    }
    await next();
  });
}
