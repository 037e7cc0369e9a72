import { z } from 'zod';

/** The path parameters most routes are addressed by. */
export const orgParams = z.object({ orgId: z.uuid() });
export const waveParams = z.object({ waveId: z.uuid() });

/** `?locale=`: the language to answer in, when the route has wording in several. */
export const localeQuery = z.object({ locale: z.string().max(20).optional() });
