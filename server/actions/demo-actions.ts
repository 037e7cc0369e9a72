import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { WaveRecord } from '../db/waves.ts';
import { cellFigure } from '../domain/actions/cell-figure.ts';
import type { QuestionnaireCatalog } from '../questionnaires/catalog.ts';
import { waveReport } from '../reports/wave-report.ts';
import { createAction, updateAction } from './action-commands.ts';
import { publishedFiguresWithCounts } from './published-counts.ts';

const DAY = 24 * 3_600_000;
const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The demo's follow-through on its first wave: an action on each of its three weakest teams and
 * one on the organization's execution, in each state of their life, so the second wave's close
 * measures them and a new user sees the whole loop. Made through the same commands as the API.
 */
export async function createDemoActions(
  db: Kysely<Database>,
  catalog: QuestionnaireCatalog,
  wave: WaveRecord,
  author: string,
): Promise<void> {
  const closedAt = wave.closedAt ?? new Date();
  const definition = catalog.get(wave.questionnaireKey, wave.questionnaireVersion)!;
  const report = (
    await waveReport(db, wave, catalog, { locale: definition.defaultLocale, withItems: false })
  ).whole();
  const figures = await publishedFiguresWithCounts(db, wave, catalog);
  const owners = ['Head of operations', 'Engineering manager', 'Sales director'];
  const lives = [
    { status: 'done', note: 'Decision log in place; reviewed in every Monday meeting.' },
    { status: 'in-progress', note: 'Owners named for open items; two teams still to start.' },
    { status: 'planned', note: null },
  ] as const;
  // Each team's weakest published cell, for the three teams furthest below the organization:
  // three teams, not three cells of one.
  const weakest = report.groups
    .flatMap((group) => {
      const cells = Object.entries(group.dimensions).filter(([, cell]) => cell?.delta != null);
      cells.sort(([, a], [, b]) => a!.delta! - b!.delta!);
      const [dimension, cell] = cells[0] ?? [];
      return dimension && cell ? [{ group, dimension, delta: cell.delta! }] : [];
    })
    .sort((a, b) => a.delta - b.delta)
    .slice(0, 3);
  const text = (value: Record<string, string>) => value[definition.defaultLocale] ?? '';
  const targets = [
    ...weakest.map(({ group, dimension }) => {
      const d = definition.dimensions.find((candidate) => candidate.id === dimension)!;
      return {
        teamKey: group.teamKey as string | null,
        dimension,
        title: `${group.name}: ${text(d.name)}`,
        steps: (d.recommendations[definition.defaultLocale] ?? []).slice(0, 2),
      };
    }),
    {
      teamKey: null,
      dimension: 'execution',
      title: 'Every agreement leaves the room with an owner and a date',
      steps: ['Close each meeting by reading back who does what by when.'],
    },
  ];
  for (const [i, target] of targets.entries()) {
    const baseline = cellFigure(figures, target.teamKey, target.dimension);
    if (!baseline) continue;
    const id = await createAction(
      db,
      catalog,
      {
        wave,
        ...target,
        owner: owners[i % owners.length]!,
        dueDate: isoDate(new Date(closedAt.getTime() + (45 + 15 * i) * DAY)),
        baseline,
        author,
      },
      null,
    );
    const life = lives[i % lives.length]!;
    if (life.status !== 'planned')
      await updateAction(
        db,
        catalog,
        id,
        { status: life.status, ...(life.note ? { note: life.note } : {}) },
        { actor: null, author },
        new Date(closedAt.getTime() + (20 + 10 * i) * DAY),
      );
  }
}
