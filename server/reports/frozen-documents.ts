import { publishedFiguresBytes, type ReportInput } from '../domain/report/build-report.ts';
import { compactFromTexts, type SumsTexts } from '../domain/scoring/sums-document.ts';

/** What a closing wave's snapshot stores beside the database's sums, as JSON text (R3). */
export interface FrozenDocuments {
  published: string;
}

/** `FrozenDocuments` as the report thread writes them: the JSON in UTF-8, to cross without a copy. */
export interface FrozenBytes {
  published: Uint8Array;
}

/** What a closing wave freezes is worked out from: the database's texts and the rest of a report's input. */
export interface FreezeInput {
  sums: SumsTexts;
  report: Omit<ReportInput, 'aggregates'>;
}

/**
 * Works out the figures a closing wave's report with items publishes (`publishedFigures`), from
 * the sums the database wrote, as JSON written once. The sums themselves are stored as the
 * database wrote them, so they are decoded here and nowhere written back.
 */
export function frozenDocuments({ sums, report }: FreezeInput): FrozenBytes {
  const aggregates = compactFromTexts(sums, report.items, report.dimensions);
  return {
    published: publishedFiguresBytes({ ...report, aggregates, withItems: true, previous: null }),
  };
}
