import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { nothingAt } from '../http/errors.ts';

const hasExtension = /\.[a-z0-9]+$/i;

/**
 * Serves the built Preact client. Paths without a file extension that match no route get
 * index.html so the client's router can take them; API paths and missing assets stay 404.
 */
export const clientPlugin = fp<{ root: string }>(
  async (app, { root }) => {
    const index = path.join(root, 'index.html');
    const built = existsSync(index);
    if (built) {
      await app.register(fastifyStatic, {
        root,
        wildcard: false,
        index: false,
        // The build writes .br and .gz copies (client/precompress.ts): a phone on a weak connection
        // gets the survey in a third of the bytes, and the server compresses nothing per request.
        preCompressed: true,
        setHeaders(res, filePath) {
          // Hashed assets never change under their name; the page itself must always be fresh.
          res.header(
            'cache-control',
            filePath.includes(`${path.sep}assets${path.sep}`)
              ? 'public, max-age=31536000, immutable'
              : 'no-cache',
          );
        },
      });
    }

    app.setNotFoundHandler((request, reply) => {
      const pathname = request.url.split('?')[0] ?? '/';
      const isPage =
        built &&
        (request.method === 'GET' || request.method === 'HEAD') &&
        !pathname.startsWith('/api/') &&
        !hasExtension.test(pathname);
      if (isPage) return reply.header('cache-control', 'no-cache').sendFile('index.html');
      return reply.code(404).send(nothingAt(request.method, pathname).toBody());
    });
  },
  { name: 'client', dependencies: ['error-handler'] },
);
