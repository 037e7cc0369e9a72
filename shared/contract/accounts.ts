import { z } from 'zod';
import type { Received, Sent } from './wire.ts';

/** GET /api/accounts, PATCH /api/accounts/:userId (administrators) */
export const accountSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    isAdmin: z.boolean(),
    canCreateOrganizations: z.boolean(),
    active: z.boolean().describe('Has chosen a password'),
  })
  .meta({ id: 'Account' });

export const accountChangeSchema = z.object({ canCreateOrganizations: z.boolean() });

export type Account = Received<typeof accountSchema>;
export type AccountChange = Sent<typeof accountChangeSchema>;
