import type { Group, RankedReport, Report } from '../domain/report/build-report.ts';
import type { HotspotRanking } from '../domain/report/hotspots.ts';
import type { GroupOutline } from '../domain/report/report-types.ts';
import { scopeReport } from '../domain/report/scope-report.ts';
import { type ReportSlice, sliceReport } from '../domain/report/slice-report.ts';
import { Utf8Writer } from '../domain/report/utf8-writer.ts';

/**
 * A closed wave's report as the report thread writes it (`keptReportParts`): its JSON text, where
 * each group's own text lies in it, and what the groups are placed by. Its bytes move from the
 * thread without a copy, and the event loop decodes them into one string (a few milliseconds at
 * 10,000 teams), where the report as objects took a structured clone that the event loop spent
 * some 80 ms decoding (and several times that with items). Written as UTF-8 one group at a time,
 * the thread never holds the text as a string beside the strings it was joined from: building the
 * heat map of 10,000 teams took the process 88 MB above where it started instead of 142 MB.
 */
export interface KeptReportParts {
  /** `JSON.stringify(report)`, character for character, in UTF-8: it moves between threads without a copy. */
  bytes: Uint8Array;
  /** For each group, where its JSON starts and ends in the text (in UTF-16 code units, as strings count). */
  spans: Uint32Array;
  /** Everything but the groups. */
  head: Omit<Report, 'groups'>;
  outlines: GroupOutline[];
  /** One per figure the report shows or hides: each group's dimension and item cells, and the group. */
  cells: number;
  /** What the hotspots of a leader's subtree or of a slice are cut from. */
  ranking: HotspotRanking;
}

/** Writes a report as `KeptReportParts`: the same text `JSON.stringify` writes, with each group's place in it. */
export function keptReportParts({ report, ranking }: RankedReport): KeptReportParts {
  const { groups, ...head } = report;
  const spans = new Uint32Array(groups.length * 2);
  const out = new Utf8Writer();
  const push = (part: string) => out.write(part);
  push('{');
  // The order and the keys `JSON.stringify` would write: own enumerable keys, none undefined.
  let first = true;
  for (const [key, value] of Object.entries(report)) {
    if (value === undefined) continue;
    push(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    if (key !== 'groups') {
      push(JSON.stringify(value));
      continue;
    }
    push('[');
    groups.forEach((group, i) => {
      if (i > 0) push(',');
      spans[2 * i] = out.textLength;
      push(JSON.stringify(group));
      spans[2 * i + 1] = out.textLength;
    });
    push(']');
  }
  let cells = 0;
  for (const group of [report.organization, ...groups])
    cells += 1 + Object.keys(group.dimensions).length + Object.keys(group.items ?? {}).length;
  push('}');
  return {
    bytes: out.bytes(),
    spans,
    head,
    outlines: groups.map(({ teamKey, name, parentKey, suppressed, n }) => ({
      teamKey,
      name,
      parentKey,
      suppressed,
      n,
    })),
    cells,
    ranking,
  };
}

/**
 * A closed wave's report as the event loop keeps it: its text, which a whole read sends as it is,
 * and each group's text, parsed only for the groups a reader is sent. At 10,000 teams the report
 * as objects held some 36 MB beside its 10 MB of text; a leader's subtree, a slice of a few
 * levels or one team's shared page now parse only their own groups.
 *
 * What is not a group (the organization's row, hotspots, drivers, comments) is kept as objects,
 * frozen, so that no reader can change what the next one sees; the groups handed out are parsed
 * anew for each reader. The ranking a leader's or a slice's hotspots are cut from is numbers
 * (some 0.7 MB for 30,000 cells below the organization), with each dimension's recommendations,
 * frozen too since every hotspot of that dimension hands out the same list.
 */
export class KeptReport {
  readonly text: string;
  readonly cells: number;
  readonly outlines: readonly GroupOutline[];
  readonly head: Readonly<Omit<Report, 'groups'>>;
  readonly #spans: Uint32Array;
  readonly #ranking: HotspotRanking;
  /** The outlines with their place among the groups, in a form a slice is cut by. */
  readonly #places: readonly (GroupOutline & { index: number })[];

  constructor(parts: KeptReportParts) {
    this.text = new TextDecoder().decode(parts.bytes);
    this.cells = parts.cells;
    this.outlines = deepFreeze(parts.outlines);
    this.head = deepFreeze(parts.head);
    this.#spans = parts.spans;
    this.#ranking = { ...parts.ranking, dimensions: deepFreeze(parts.ranking.dimensions) };
    this.#places = parts.outlines.map((outline, index) => ({ ...outline, index }));
  }

  /** The whole report, every group parsed. */
  whole(): Report {
    return this.#with(this.head, this.#places);
  }

  /** The report with only the group of `teamKey` (none, for a key it does not have). */
  withGroup(teamKey: string): Report {
    return this.#with(
      this.head,
      this.#places.filter((place) => place.teamKey === teamKey),
    );
  }

  /** Part of the report by hierarchy level, as `sliceReport` cuts it from the whole report. */
  slice(slice: ReportSlice): Report | null {
    const cut = sliceReport({ ...this.head, groups: this.#places }, slice, this.#ranking);
    return cut && this.#with(cut, cut.groups);
  }

  /** What a leader limited to one team's subtree sees, as `scopeReport` cuts it from the whole report. */
  scoped(teamKey: string): Report {
    const cut = scopeReport({ ...this.head, groups: this.#places }, teamKey, this.#ranking);
    return this.#with(cut, cut.groups);
  }

  /** Where each group sits and its n, of the whole report or a leader's subtree, no figure parsed. */
  outline(teamKey: string | null): { groups: readonly GroupOutline[] } {
    const whole = { ...this.head, groups: this.#places };
    return teamKey === null ? whole : scopeReport(whole, teamKey, this.#ranking);
  }

  /** A report of `head`'s other parts and these groups, each parsed from its text, in the keys' order. */
  #with(head: Omit<Report, 'groups'>, places: readonly { index: number }[]): Report {
    const groups = places.map(({ index }) =>
      JSON.parse(this.text.slice(this.#spans[2 * index]!, this.#spans[2 * index + 1]!)),
    ) as Group[];
    const report: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(head)) {
      if (key === 'groups') continue;
      report[key] = value;
      // Where a report has its groups: after the organization's row.
      if (key === 'organization') report.groups = groups;
    }
    return report as unknown as Report;
  }
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}
