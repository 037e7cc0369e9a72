import { z } from 'zod';
import { findOrganization } from '../db/organizations.ts';
import { loadWaveProgress } from '../db/wave-progress.ts';
import { findWave, type WaveRecord } from '../db/waves.ts';
import { Hierarchy } from '../domain/hierarchy/hierarchy.ts';
import { TARGET_RATE, waveProgress } from '../domain/participation/progress.ts';
import type { App } from '../http/app-types.ts';
import { errorResponses, notFound } from '../http/errors.ts';
import { progressToCsv } from '../reports/progress-csv.ts';

const rate = z
  .number()
  .nullable()
  .describe(
    'responses / headcount from 0 to 1, truncated to thousandths; null when the headcount is unknown or 0',
  );
const participationSchema = z.object({
  responses: z.number().int(),
  headcount: z.number().int().nullable(),
  rate,
});
const progressSchema = z
  .object({
    total: participationSchema.describe('Every team of the wave together'),
    teams: z
      .array(
        z.object({
          teamKey: z.string(),
          teamName: z.string(),
          parentKey: z
            .string()
            .nullable()
            .describe('The nearest ancestor that is in the wave; null at the top'),
          depth: z.number().int().describe('Rows above this one: 0 at the top'),
          responses: z.number().int(),
          headcount: z
            .number()
            .int()
            .nullable()
            .describe('People expected to answer in this team, not counting sub-teams'),
          rate,
          full: z
            .boolean()
            .describe("The team's link has taken headcount + max(5, 20%) answers and refuses more"),
          subtree: participationSchema.describe(
            'This team and every team of the wave below it; headcount sums the known ones (null when none is)',
          ),
          belowTarget: z.boolean().describe(`subtree.rate is known and below ${TARGET_RATE}`),
          mail: z.object({
            recipients: z.number().int(),
            queued: z.number().int().describe('Messages waiting to go out'),
            sent: z.number().int(),
            failed: z.number().int().describe('Messages given up after their last attempt'),
          }),
        }),
      )
      .describe(
        'The teams of the wave, depth first; below a team outside the wave, a team rolls up to its nearest ancestor in the wave',
      ),
  })
  .meta({ id: 'WaveProgress' });

const waveParams = z.object({ waveId: z.uuid() });
// Counts reveal no answer, so consultants follow them live; leaders see nothing of an open wave
// (R6), and this view is for steering one, so they never reach it.
const consultantsOfWave = { organization: { via: 'waveId', roles: ['consultant'] } } as const;

export async function progressRoutes(app: App) {
  async function progressOf(waveId: string) {
    const wave = await findWave(app.db, waveId);
    if (!wave) throw notFound('There is no such wave.');
    const { teams, inWave } = await loadWaveProgress(app.db, wave);
    return { wave, progress: waveProgress(Hierarchy.from(teams), inWave) };
  }

  app.get(
    '/api/waves/:waveId/progress',
    {
      config: { access: consultantsOfWave },
      schema: {
        tags: ['waves'],
        summary: 'Participation and mail per team and subtree, live, to steer a wave (consultants)',
        params: waveParams,
        response: { 200: progressSchema, ...errorResponses(401, 403, 404) },
      },
      compress: {},
    },
    async (request) => (await progressOf(request.params.waveId)).progress,
  );

  app.get(
    '/api/waves/:waveId/progress.csv',
    {
      config: { access: consultantsOfWave },
      schema: {
        tags: ['waves'],
        summary: 'The progress view as CSV: the organization, then one row per team (consultants)',
        params: waveParams,
        response: { 200: z.string(), ...errorResponses(401, 403, 404) },
      },
      compress: {},
    },
    async (request, reply) => {
      const { wave, progress } = await progressOf(request.params.waveId);
      const organization = await findOrganization(app.db, wave.organizationId);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename(wave, new Date())}"`)
        .send(progressToCsv(progress, organization?.name ?? 'Organization'));
    },
  );
}

/** Live figures change by the hour, so the file says which day it was taken. */
const filename = (wave: WaveRecord, now: Date) =>
  `trust-os-progress-${wave.title.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 60)}-${now.toISOString().slice(0, 10)}.csv`;
