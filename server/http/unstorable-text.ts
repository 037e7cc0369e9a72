import type { FastifyRequest } from 'fastify';
import { HttpError } from './errors.ts';

/** Finds the first string holding a NUL character, which PostgreSQL cannot store in text or JSON. */
function findNul(value: unknown, path: string, depth = 0): string | null {
  if (depth > 64) return null;
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findNul(item, `${path}.${index}`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) return `${path}.${key.replaceAll('\u0000', '\\0')}`;
      const found = findNul(item, `${path}.${key}`, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

/** Refuses such input up front as a 400 naming the field, instead of a database error later. */
export async function refuseUnstorableText(request: FastifyRequest): Promise<void> {
  const field =
    findNul(request.params, 'params') ?? findNul(request.query, 'query') ?? findNul(request.body, 'body');
  if (field)
    throw new HttpError(400, `${field}: contains a NUL character`, [
      { field, message: 'contains a NUL character' },
    ]);
}
