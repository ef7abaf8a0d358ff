import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API tokens look like `snt_<id>_<secret>`. The id is public (it names the token in lists
 * and revocations); the secret is 256 random bits and only its SHA-256 is stored. A slow
 * password hash buys nothing for secrets this long, and a fast one keeps every request cheap.
 */

const TOKEN_PREFIX = 'snt';
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ID_LENGTH = 12;
const TOKEN_PATTERN = /^snt_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export interface IssuedToken {
  id: string;
  /** Shown once, never stored. */
  token: string;
  secretHash: string;
}

function randomId(): string {
  const bytes = randomBytes(ID_LENGTH);
  let id = '';
  for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length];
  return id;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function issueToken(): IssuedToken {
  const id = randomId();
  const secret = randomBytes(32).toString('base64url');
  return { id, token: `${TOKEN_PREFIX}_${id}_${secret}`, secretHash: hashSecret(secret) };
}

export function parseToken(token: string): { id: string; secret: string } | null {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return null;
  return { id: match[1]!, secret: match[2]! };
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
