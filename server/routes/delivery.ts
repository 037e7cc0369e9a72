import { z } from 'zod';
import {
  deliverySchema,
  personalCodesSchema,
  recipientListSchema,
  recipientUploadSchema,
  remindersSentSchema,
  teamPersonalCodesSchema,
} from '../../shared/contract/delivery.ts';
import { waveParams } from '../../shared/contract/params.ts';
import { findWave, waveLinks } from '../db/waves.ts';
import {
  MAX_RECIPIENTS,
  type RawRecipientRow,
  validateRecipients,
} from '../domain/delivery/recipient-list.ts';
import type { App } from '../http/app-types.ts';
import {
  badRequest,
  conflict,
  errorResponses,
  fieldError,
  HttpError,
  invalidField,
  notFound,
} from '../http/errors.ts';
import { failedAddresses, heldUp, teamDelivery } from '../mail/outbox.ts';
import { sendReminders, setPersonalCodes, setRecipients } from '../waves/wave-delivery.ts';
import { WaveStateError } from '../waves/wave-lifecycle.ts';

const consultantsOfWave = { organization: { via: 'waveId', roles: ['consultant'] } } as const;

const emailNotConfigured = () => conflict('delivery.email-not-configured').because('email-not-configured');

const asConflict = (error: unknown): never => {
  if (error instanceof WaveStateError) throw new HttpError(409, error.code, error.params);
  // A team import removed a team of this draft after its links were read (PostgreSQL runs the two
  // side by side): nothing was saved.
  if ((error as { code?: unknown }).code === '23503') throw new HttpError(409, 'wave.teams-changed');
  throw error;
};

/**
 * Email delivery of a wave: its recipients, reminders, which teams need personal codes, and what
 * was sent. Consultants only. Nothing here can say who answered: no route reads responses, and
 * reminders go to every recipient.
 */
export async function deliveryRoutes(app: App) {
  const actor = (request: { viewer: { userId: string; email: string } | null }) => ({
    userId: request.viewer!.userId,
    email: request.viewer!.email,
  });

  async function loadWave(waveId: string) {
    const wave = await findWave(app.db, waveId);
    if (!wave) throw notFound('wave.not-found');
    return wave;
  }

  /** A wave and one of its teams' links, the team named in the path. */
  app.get(
    '/api/waves/:waveId/delivery',
    {
      config: { access: consultantsOfWave },
      schema: {
        tags: ['delivery'],
        summary: "The wave's email delivery: recipients, messages waiting, sent and given up, per team",
        params: waveParams,
        response: {
          200: deliverySchema,
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) => {
      const wave = await loadWave(request.params.waveId);
      const teams = await teamDelivery(app.db, wave.id);
      const sum = (field: 'recipients' | 'queued' | 'sent' | 'failed') =>
        teams.reduce((total, team) => total + team[field], 0);
      return {
        emailConfigured: app.mail !== null,
        recipients: sum('recipients'),
        queued: sum('queued'),
        sent: sum('sent'),
        failed: sum('failed'),
        failedAddresses: wave.status === 'closed' ? [] : await failedAddresses(app.db, wave.id),
        heldUp: await heldUp(app.db, wave.id),
        teams,
      };
    },
  );

  app.put(
    '/api/waves/:waveId/recipients',
    {
      config: { access: consultantsOfWave },
      bodyLimit: 1024 * 1024,
      schema: {
        tags: ['delivery'],
        summary: "Replace the wave's recipients (JSON, or text/csv with the header email,team_key)",
        description: `At most ${MAX_RECIPIENTS} recipients. Every problem is answered at once with a 400 naming its row (CSV: row 2 is the first line after the header; JSON: recipients[i]) and field; nothing is stored then. A draft wave invites them when it opens; an open wave invites new recipients at once. The list and every address are deleted when the wave closes.`,
        params: waveParams,
        body: recipientListSchema,
        response: {
          200: recipientUploadSchema,
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      if (!app.mail) throw emailNotConfigured();
      const wave = await loadWave(request.params.waveId);
      const links = await waveLinks(app.db, wave.id);
      const fromCsv = Array.isArray(request.body);
      let rows: RawRecipientRow[];
      if (Array.isArray(request.body)) {
        // A row short of a column leaves it out of that row only: the header is what any row has.
        const header = [...new Set(request.body.flatMap((row) => Object.keys(row)))];
        const missing = ['email', 'team_key'].filter((column) => !header.includes(column));
        if (request.body.length > 0 && missing.length > 0)
          throw badRequest('delivery.header-missing-columns', { columns: missing.join(', ') }).withFields(
            missing.map((column) => fieldError(`header: ${column}`, 'delivery.column-missing')),
          );
        // Line 1 is the header, so data rows start at line 2.
        rows = request.body.map((row, index) => ({
          row: index + 2,
          email: row.email,
          teamKey: row.team_key,
        }));
      } else {
        // Counted from 1, as a person counts the rows of a list; the field names its index.
        rows = request.body.recipients.map((r, index) => ({
          row: index + 1,
          email: r.email,
          teamKey: r.teamKey,
        }));
      }
      const result = validateRecipients(rows, new Set(links.map((l) => l.teamKey)), (row) =>
        fromCsv ? `row ${row}` : `recipients[${row - 1}]`,
      );
      if (!result.ok) throw badRequest('delivery.invalid-list').withFields(result.errors);
      const teamOf = new Map(links.map((l) => [l.teamKey, l.teamId]));
      const { invited } = await setRecipients(
        app.db,
        wave.id,
        result.recipients.map((r) => ({ email: r.email, teamId: teamOf.get(r.teamKey)! })),
        actor(request),
        new Date(),
      ).catch(asConflict);
      const perTeam = new Map<string, number>();
      for (const r of result.recipients) perTeam.set(r.teamKey, (perTeam.get(r.teamKey) ?? 0) + 1);
      return {
        teams: links
          .filter((l) => perTeam.has(l.teamKey))
          .map((l) => ({ teamKey: l.teamKey, recipients: perTeam.get(l.teamKey)! })),
        invited,
      };
    },
  );

  app.post(
    '/api/waves/:waveId/reminders',
    {
      config: { access: consultantsOfWave },
      schema: {
        tags: ['delivery'],
        summary: 'Send a reminder to every recipient of an open wave',
        description:
          'Every recipient, always: nothing records who has answered, so nothing can leave them out. The message thanks those who already have and tells them there is nothing to do.',
        params: waveParams,
        response: {
          202: remindersSentSchema,
          ...errorResponses(401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      if (!app.mail) throw emailNotConfigured();
      await loadWave(request.params.waveId);
      const recipients = await sendReminders(app.db, request.params.waveId, actor(request), new Date()).catch(
        asConflict,
      );
      return reply.code(202).send({ recipients });
    },
  );

  app.put(
    '/api/waves/:waveId/teams/:teamKey',
    {
      config: { access: consultantsOfWave },
      schema: {
        tags: ['delivery'],
        summary: "Whether a team's link needs a single-use personal code",
        description:
          "With personal codes on, the team's shared link takes an answer only with a code (sent by email, or generated here and handed out); anyone who has only the link is asked for one.",
        params: waveParams.extend({ teamKey: z.string().max(64) }),
        body: personalCodesSchema,
        response: {
          200: teamPersonalCodesSchema,
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const wave = await loadWave(request.params.waveId);
      const { teamKey } = request.params;
      const link = (await waveLinks(app.db, wave.id)).find((l) => l.teamKey === teamKey);
      if (!link) throw invalidField('params.teamKey', 'wave.team-not-in-wave', { team: teamKey });
      await setPersonalCodes(
        app.db,
        wave.id,
        { teamId: link.teamId, teamKey: link.teamKey },
        request.body.personalCodes,
        actor(request),
        new Date(),
      ).catch(asConflict);
      return { teamKey: link.teamKey, personalCodes: request.body.personalCodes };
    },
  );
}
