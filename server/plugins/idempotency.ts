import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { sql } from 'kysely';
import { conflict, fieldError, HttpError, invalidField } from '../http/errors.ts';

/**
 * A create sent twice makes one thing. A consultant whose connection drops after "Create wave"
 * cannot know whether the wave was made, and presses again; a page that sends the same request
 * again after a timeout does the same. With an `Idempotency-Key` header (any 16 to 64 letters,
 * digits, `-` or `_`, new for each thing to create), the second request gets the first one's
 * answer, status and body, marked `Idempotent-Replayed: true`, and nothing is created again.
 *
 * - A key belongs to the signed-in account: another account's request with the same key is its own.
 * - The same key with another request (another route, organization or body) is refused with 422:
 *   the key was meant for something else, and guessing which answer to give would be wrong.
 * - While the first request is still running, the second gets 409 with Retry-After, and then the
 *   first's answer once it is done.
 * - A refused request (4xx or 5xx) keeps nothing, so the corrected request may use the same key.
 * - Answers are kept for a day, then forgotten. A request whose answer could not be kept (the
 *   server stopped between the create and the keeping) frees its key after a minute; such a
 *   retry can make a second one, as without a key. So can a retry of a create still running
 *   after a minute, which no create of these routes comes near.
 *
 * What is kept is what the creator was answered: the organization, wave or action they made. No
 * route that takes a respondent's answers is idempotent this way; the survey has its own
 * submission keys, which the intake forgets at close (A4).
 */
declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route creates something: a repeated `Idempotency-Key` replays its first answer. */
    idempotent?: true;
  }
  interface FastifyRequest {
    idempotency: { userId: string; key: string; claim: string } | null;
  }
}

/** How long an answer is replayed. */
export const IDEMPOTENCY_TTL_HOURS = 24;
/** How long a request may run before its key is taken as abandoned. */
export const IDEMPOTENCY_ABANDONED_SECONDS = 60;

const keyPattern = /^[A-Za-z0-9_-]{16,64}$/;

const asList = <T>(hooks: T | T[] | undefined): T[] =>
  hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks];

/** What makes two requests the same one: the route as called (with its ids) and the body. */
const fingerprintOf = (request: FastifyRequest): string =>
  createHash('sha256')
    .update(`${request.method} ${request.url.split('?')[0]}\n${JSON.stringify(request.body ?? null)}`)
    .digest('base64url');

export const idempotencyPlugin = fp(
  async (app) => {
    app.decorateRequest('idempotency', null);

    async function claimOrReplay(request: FastifyRequest, reply: FastifyReply) {
      if (!request.viewer) return;
      const header = request.headers['idempotency-key'];
      if (header === undefined) return;
      if (typeof header !== 'string' || !keyPattern.test(header)) {
        throw invalidField('headers.idempotency-key', 'request.idempotency-key-invalid');
      }
      const userId = request.viewer.userId;
      const fingerprint = fingerprintOf(request);
      await app.db
        .deleteFrom('idempotent_request')
        .where('created_at', '<', sql<Date>`now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`)
        .execute();
      // One statement decides who runs: the first to insert the key, or whoever finds it abandoned.
      // Each run marks the row with a claim of its own, so that a run taken as abandoned that
      // still answers later can neither keep its answer there nor free the key.
      const claim = randomBytes(16).toString('base64url');
      const claimKey = () =>
        app.db
          .insertInto('idempotent_request')
          .values({ user_id: userId, key: header, fingerprint, claim })
          .onConflict((conflictOn) =>
            conflictOn
              .columns(['user_id', 'key'])
              .doUpdateSet({ fingerprint, claim, created_at: sql`now()` })
              .where('idempotent_request.status', 'is', null)
              .where('idempotent_request.fingerprint', '=', fingerprint)
              .where(
                'idempotent_request.created_at',
                '<',
                sql<Date>`now() - make_interval(secs => ${IDEMPOTENCY_ABANDONED_SECONDS})`,
              ),
          )
          .returning('key')
          .executeTakeFirst();
      const readKey = () =>
        app.db
          .selectFrom('idempotent_request')
          .select(['fingerprint', 'status', 'body'])
          .where('user_id', '=', userId)
          .where('key', '=', header)
          .executeTakeFirst();
      let first: Awaited<ReturnType<typeof readKey>>;
      for (let attempt = 0; ; attempt++) {
        if (await claimKey()) {
          request.idempotency = { userId, key: header, claim };
          return;
        }
        first = await readKey();
        // Gone between the two statements (its request was refused and freed it): claim it again.
        if (first || attempt > 0) break;
      }
      if (first && first.fingerprint !== fingerprint) {
        const problem = fieldError('headers.idempotency-key', 'request.idempotency-key-reused');
        throw new HttpError(
          422,
          'request.idempotency-key-reused',
          {},
          {
            fields: [problem],
            message: `headers.idempotency-key: ${problem.message}`,
          },
        );
      }
      // Still running (or freed and claimed again by another in between): wait a moment.
      if (!first || first.status === null || first.body === null) {
        return reply
          .code(409)
          .header('retry-after', '1')
          .type('application/json; charset=utf-8')
          .send(conflict('request.in-progress').toBody());
      }
      return reply
        .code(first.status)
        .header('idempotent-replayed', 'true')
        .type('application/json; charset=utf-8')
        .send(first.body);
    }

    async function keepAnswer(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
      const claim = request.idempotency;
      if (!claim) return payload;
      request.idempotency = null;
      try {
        if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
          await app.db
            .updateTable('idempotent_request')
            .set({ status: reply.statusCode, body: payload })
            .where('user_id', '=', claim.userId)
            .where('key', '=', claim.key)
            .where('claim', '=', claim.claim)
            .execute();
        } else {
          await app.db
            .deleteFrom('idempotent_request')
            .where('user_id', '=', claim.userId)
            .where('key', '=', claim.key)
            .where('claim', '=', claim.claim)
            .execute();
        }
      } catch (error) {
        // The answer still goes out; the key frees itself after IDEMPOTENCY_ABANDONED_SECONDS.
        request.log.warn({ err: error }, 'could not keep the answer of an idempotent request');
      }
      return payload;
    }

    // On the routes that create alone: the survey's answers and every other request pay nothing.
    app.addHook('onRoute', (route) => {
      if (!route.config?.idempotent) return;
      route.preHandler = [...asList(route.preHandler), claimOrReplay];
      route.onSend = [...asList(route.onSend), keepAnswer];
    });
  },
  { name: 'idempotency', dependencies: ['access-control'] },
);
