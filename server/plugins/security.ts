import { createHash } from 'node:crypto';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ErrorBody } from '../http/errors.ts';

/**
 * Rate limits key on a hash, never the raw address (A2). Hundreds of employees can share one
 * office address, so public participation limits key on the participation code instead.
 */
export const hashedClientKey = (request: FastifyRequest) =>
  createHash('sha256').update(`client:${request.ip}`).digest('base64url');

export const hashedKey = (scope: string, value: string) =>
  createHash('sha256').update(`${scope}:${value}`).digest('base64url');

export const securityPlugin = fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // No referrer: a participation link must never leak to another site.
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginEmbedderPolicy: false,
    });

    await app.register(rateLimit, {
      global: false,
      keyGenerator: hashedClientKey,
      errorResponseBuilder: (_request, context) => {
        const body: ErrorBody & { retryAfterSeconds: number } = {
          statusCode: 429,
          error: 'Too Many Requests',
          message: `Too many attempts. Please wait ${Math.ceil(context.ttl / 1000)} seconds and try again.`,
          retryAfterSeconds: Math.ceil(context.ttl / 1000),
        };
        return Object.assign(new Error(body.message), body);
      },
    });
  },
  { name: 'security' },
);
