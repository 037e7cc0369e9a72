import type { FastifyReply, FastifyRequest } from 'fastify';
import pino from 'pino';

// Path segments that carry secrets: participation codes, invitation tokens (A2).
const secretSegment = /\/(s|participate|invite|accept-invite)\/[^/?#]+/g;
// Anything else long and random-looking in a path is masked too, in case a new route forgets.
const tokenLike = /\/[A-Za-z0-9_-]{20,}(?=\/|$)/g;

export function redactPath(url: string): string {
  const pathOnly = url.split('?')[0] ?? '';
  return pathOnly.replace(secretSegment, '/$1/:redacted').replace(tokenLike, '/:redacted');
}

/**
 * How a log line names what a request asked for: the route pattern when a route matched, so codes
 * in params never reach the log; otherwise the path, with anything secret-looking masked (A2).
 */
export function loggedRoute(request: Pick<FastifyRequest, 'routeOptions' | 'url'>): string {
  return request.routeOptions?.url ?? redactPath(request.url);
}

/**
 * What a request log line may say: method, the route pattern (never the raw path when a
 * route matched, so codes in params never reach the log) and the request id. No address,
 * no headers, no body (A2).
 */
export const logSerializers = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      url: loggedRoute(request),
      id: request.id,
    };
  },
  res(reply: Pick<FastifyReply, 'statusCode'>) {
    return { statusCode: reply.statusCode };
  },
  /**
   * An error as pino writes one, less what Node attaches to a request its parser refused: the bytes
   * it had read (`rawPacket`), which hold the path with its code, the cookie and any body (A2).
   */
  err(error: Error) {
    const serialized = pino.stdSerializers.err(error);
    // Anything that is not an error comes back as it was given.
    if (typeof serialized !== 'object' || serialized === null || !('rawPacket' in serialized))
      return serialized;
    const { rawPacket: _, ...rest } = serialized;
    return rest as typeof serialized;
  },
};
