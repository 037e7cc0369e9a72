import type { FastifyRequest } from 'fastify';
import type { App } from './app-types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    publicUrl: string | null;
  }
}

/** Where people reach this server: PUBLIC_URL when set, else what the request was addressed to. */
export function publicBaseUrl(app: App, request: FastifyRequest): string {
  return app.publicUrl ?? `${request.protocol}://${request.host}`;
}
