import { z } from 'zod';
import { accountChangeSchema, accountSchema } from '../../shared/contract/accounts.ts';
import { accountExists, listAccounts, setCanCreateOrganizations, type UserRecord } from '../db/accounts.ts';
import { audit } from '../db/audit.ts';
import type { App } from '../http/app-types.ts';
import { conflict, errorResponses, notFound } from '../http/errors.ts';

const toAccount = ({ passwordHash, ...account }: UserRecord) => ({
  id: account.id,
  email: account.email,
  isAdmin: account.isAdmin,
  canCreateOrganizations: account.canCreateOrganizations,
  active: passwordHash !== null,
});

const administrators = { admin: true } as const;

/**
 * Instance-wide account rights, for administrators only. The right to create organizations is
 * granted and taken back here and nowhere else: a membership never implies it (issue 12).
 */
export async function accountRoutes(app: App) {
  app.get(
    '/api/accounts',
    {
      config: { access: administrators },
      schema: {
        tags: ['accounts'],
        summary: 'Every account, with what it may do across organizations',
        response: { 200: z.array(accountSchema), ...errorResponses(401, 403) },
      },
    },
    async () => (await listAccounts(app.db)).map(toAccount),
  );

  app.patch(
    '/api/accounts/:userId',
    {
      config: { access: administrators },
      schema: {
        tags: ['accounts'],
        summary: 'Grant or revoke the right to create organizations',
        description:
          'Revoking stops new organizations only: organizations the person already belongs to are ' +
          'managed through their memberships.',
        params: z.object({ userId: z.uuid() }),
        body: accountChangeSchema,
        response: { 200: accountSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const viewer = request.viewer!;
      const allowed = request.body.canCreateOrganizations;
      const account = await app.db.transaction().execute(async (trx) => {
        const updated = await setCanCreateOrganizations(trx, request.params.userId, allowed);
        if (!updated) {
          if (await accountExists(trx, request.params.userId)) throw conflict('account.not-active');
          throw notFound('account.not-found');
        }
        await audit(trx, {
          organizationId: null,
          actor: { userId: viewer.userId, email: viewer.email },
          action: allowed ? 'account.grant-create-organizations' : 'account.revoke-create-organizations',
          detail: { email: updated.email },
        });
        return updated;
      });
      return toAccount(account);
    },
  );
}
