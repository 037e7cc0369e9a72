import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { loadPublishedFigures } from '../db/wave-aggregates.ts';
import type { WaveRecord } from '../db/waves.ts';
import { hasCounts } from '../domain/actions/cell-figure.ts';
import { ITEM_RULE, type PublishedFigures, publishedFigures } from '../domain/report/published-figures.ts';
import type { QuestionnaireCatalog } from '../questionnaires/catalog.ts';
import { PublicationNotReadyError, waveReport } from '../reports/wave-report.ts';

/**
 * A closed wave's published figures with every shown cell's n, as its report shows them today:
 * an action's baseline and outcome are the report's own figures (docs/scoring.md). The frozen
 * figures are those only when they carry n and were decided under today's rule 4
 * (`ITEM_RULE`). Snapshots frozen before actions existed kept only score and interval, and those
 * frozen under an earlier rule 4 may show a dimension cell the report now hides (it also decides
 * one on everyone who answered any of its items); for both, the figures are worked out again
 * from the frozen sums and tree, which decide exactly what the report shows (R3). Nothing is
 * written: this is read by commands, and the snapshot stays as its readers saw it.
 */
export async function publishedFiguresWithCounts(
  db: Kysely<Database>,
  wave: WaveRecord,
  catalog: QuestionnaireCatalog,
): Promise<PublishedFigures> {
  const figures = await loadPublishedFigures(db, wave.id);
  if (!figures) throw new PublicationNotReadyError();
  if (figures.itemRule === ITEM_RULE && hasCounts(figures)) return figures;
  const definition = catalog.get(wave.questionnaireKey, wave.questionnaireVersion)!;
  return publishedFigures(
    (await waveReport(db, wave, catalog, { locale: definition.defaultLocale, withItems: false })).whole(),
  );
}
