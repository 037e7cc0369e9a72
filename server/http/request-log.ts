import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { loggedRoute } from './log-serializers.ts';

/**
 * One line per request, written when the answer has gone: the request id (bound to every line of
 * the request), method, route, status and time taken. Fastify's own pair ("incoming request",
 * then "request completed") cost two serialized lines per request for one more fact, the moment
 * a request arrived, which `time` minus `responseTime` gives anyway.
 *
 * The fields are plain values, not the `req`/`res` objects, so what a line says does not hang on
 * which serializers a logger was built with: the route is the pattern, never a path with a code
 * in it, and there is no body, header or address (A2).
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = {
      method: request.method,
      route: loggedRoute(request),
      statusCode: reply.statusCode,
      responseTime: reply.elapsedTime,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

/** A request whose client left before its answer was sent: no "request completed" line follows. */
export async function logAbortedRequest(request: FastifyRequest): Promise<void> {
  request.log.info({ method: request.method, route: loggedRoute(request) }, 'request aborted');
}
