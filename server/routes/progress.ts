import { z } from 'zod';
import { waveParams } from '../../shared/contract/params.ts';
import { progressSchema } from '../../shared/contract/progress.ts';
import { findOrganization } from '../db/organizations.ts';
import { loadWaveProgress } from '../db/wave-progress.ts';
import { findWave, type WaveRecord } from '../db/waves.ts';
import { Hierarchy } from '../domain/hierarchy/hierarchy.ts';
import { waveProgress } from '../domain/participation/progress.ts';
import type { App } from '../http/app-types.ts';
import { errorResponses, notFound } from '../http/errors.ts';
import { progressToCsv } from '../reports/progress-csv.ts';

// Counts reveal no answer, so consultants follow them live; leaders see nothing of an open wave
// (R6), and this view is for steering one, so they never reach it.
const consultantsOfWave = { organization: { via: 'waveId', roles: ['consultant'] } } as const;

export async function progressRoutes(app: App) {
  async function progressOf(waveId: string) {
    const wave = await findWave(app.db, waveId);
    if (!wave) throw notFound('wave.not-found');
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
