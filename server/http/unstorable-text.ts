import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalidField } from './errors.ts';

/**
 * What PostgreSQL cannot store in text or JSON, checked once for every field of every request:
 * a NUL character, and a lone UTF-16 surrogate (JSON allows `"\udfff"`; PostgreSQL's jsonb and
 * UTF-8 text do not). Invalid UTF-8 bytes never get this far: the body parsers below refuse them.
 * One check in a hook rather than a refinement per schema, so that no field can be forgotten,
 * including CSV bodies and keys of records.
 */
export function unstorableReason(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character';
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text))
    return 'contains a lone surrogate, which is not text';
  return null;
}

/** Finds the first string (or key) that cannot be stored, with its path and reason. */
function findUnstorable(value: unknown, path: string, depth = 0): { field: string; message: string } | null {
  if (depth > 64) return null;
  if (typeof value === 'string') {
    const message = unstorableReason(value);
    return message ? { field: path, message } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnstorable(item, `${path}.${index}`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = unstorableReason(key);
      if (keyProblem) return { field: `${path}.${JSON.stringify(key).slice(1, -1)}`, message: keyProblem };
      const found = findUnstorable(item, `${path}.${key}`, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

/** Refuses such input up front as a 400 naming the field, instead of a database error later. */
export async function refuseUnstorableText(request: FastifyRequest): Promise<void> {
  const found =
    findUnstorable(request.params, 'params') ??
    findUnstorable(request.query, 'query') ??
    findUnstorable(request.body, 'body');
  if (found) throw invalidField(found.field, 'validation.unstorable-text');
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a request body, refusing bytes that are not UTF-8 instead of replacing them silently. */
export function decodeBody(body: Buffer): string {
  try {
    return strictUtf8.decode(body);
  } catch {
    throw invalidField('body', 'request.not-utf8');
  }
}

/** JSON bodies parsed as Fastify does by default, after a strict UTF-8 check. */
export function useStrictJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = decodeBody(body as Buffer);
    } catch (error) {
      done(error as Error, undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
