import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../server/domain/accounts/password-policy.ts';
import type { Received, Sent } from './wire.ts';

export const userSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    isAdmin: z.boolean(),
    canCreateOrganizations: z
      .boolean()
      .describe('Granted by an administrator; administrators may always create organizations'),
    memberships: z.array(
      z.object({
        organizationId: z.uuid(),
        organizationName: z.string(),
        role: z.enum(['consultant', 'leader']),
        teamKey: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'User' });

/** Sign-in, the session's own account, and an accepted invitation all answer the person. */
export const signedInSchema = z.object({ user: userSchema });

const password = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);

/** POST /api/auth/login */
export const loginSchema = z.object({
  email: z.string().max(320),
  password: z.string().max(PASSWORD_MAX_LENGTH),
});

/** POST /api/auth/accept-invite */
export const acceptInvitationSchema = z.object({
  token: z.string().min(10).max(200),
  password: password.optional().describe('Only for an account that has no password yet'),
});

/** POST /api/auth/password */
export const passwordChangeSchema = z.object({
  currentPassword: z.string().max(PASSWORD_MAX_LENGTH),
  newPassword: password,
});

export type User = Received<typeof userSchema>;
export type SignedIn = Received<typeof signedInSchema>;
export type Login = Sent<typeof loginSchema>;
export type AcceptInvitation = Sent<typeof acceptInvitationSchema>;
export type PasswordChange = Sent<typeof passwordChangeSchema>;
