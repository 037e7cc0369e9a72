import { createHash, randomBytes } from 'node:crypto';

/** 256 bits of randomness, URL-safe: session ids and invitation tokens. */
export const newToken = () => randomBytes(32).toString('base64url');

/** Only this is stored, so a database reader cannot use a token. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
