import { z } from 'zod';

/** GET /health: the process is alive. */
export const aliveSchema = z.object({ status: z.literal('ok') });

/** GET /ready: the database answers and its schema is current (503 with the same shape when not). */
export const readySchema = z.object({
  status: z.enum(['ready', 'unavailable']),
  database: z.enum(['pglite', 'postgres']),
  reason: z.string().optional(),
});
