import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/** The OpenAPI document is generated from the routes' zod schemas; nothing is written by hand. */
export const openApiPlugin = fp<{ version: string }>(
  async (app, { version }) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Trust OS Diagnostic API',
          description:
            'Assessments of trust as execution infrastructure: organizations, teams, survey waves, ' +
            'anonymous participation and anonymity-safe diagnostic reports.',
          version,
        },
        components: {
          securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'trust_os_session' } },
        },
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    // The docs page brings its own strict CSP for its static files.
    await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
    app.get('/api/openapi.json', { schema: { hide: true }, config: { access: { public: true } } }, async () =>
      app.swagger(),
    );
  },
  { name: 'openapi' },
);
