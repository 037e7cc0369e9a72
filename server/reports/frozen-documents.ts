import { publishedFiguresText, type ReportInput } from '../domain/report/build-report.ts';
import { aggregatesFromTexts, type SumsTexts } from '../domain/scoring/sums-document.ts';

/** A closing wave's sums and published figures, as the JSON texts its snapshot stores (R3). */
export interface FrozenDocuments {
  aggregates: string;
  published: string;
}

/** What a closing wave freezes is worked out from: the database's texts and the rest of a report's input. */
export interface FreezeInput {
  sums: SumsTexts;
  report: Omit<ReportInput, 'aggregates'>;
}

/**
 * Works out what a closing wave freezes: its aggregates, decoded from the database's sums, and
 * the figures its report with items publishes (`publishedFigures`), each written as JSON once.
 */
export function frozenDocuments({ sums, report }: FreezeInput): FrozenDocuments {
  const aggregates = aggregatesFromTexts(sums, report.items, report.dimensions);
  return {
    aggregates: JSON.stringify(aggregates),
    published: publishedFiguresText({ ...report, aggregates, withItems: true, previous: null }),
  };
}
