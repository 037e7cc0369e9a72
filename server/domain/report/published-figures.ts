import type { Cell } from '../scoring/cells.ts';
import type { Group, Report } from './build-report.ts';

/**
 * What later waves need of a shown cell: its score and interval for trends, and its respondents
 * for an action's baseline and outcome. `n` is absent from snapshots frozen before actions
 * existed; trends never read it.
 */
export type PublishedCell = Pick<Cell, 'score' | 'ci95'> & { n?: number };

export interface PublishedGroup {
  teamKey: string | null;
  dimensions: Record<string, PublishedCell | null>;
  items?: Record<string, PublishedCell | null>;
}

/** The figures a closed wave published, as trends compare against them (a report fits too). */
export interface PublishedFigures {
  organization: PublishedGroup;
  groups: PublishedGroup[];
  /**
   * The version of the rule that decided the item cells (`ITEM_RULE`). Figures frozen under an
   * earlier one, or before any (no such field; `itemsChecked: true` was the first), may show item
   * cells the rule now hides, so later waves compare no item with them.
   */
  itemRule?: number;
}

/**
 * The rule that decides where a dimension's item cells stand beside its cell (rule 4 of
 * docs/scoring.md, `decideReportSuppression`): 2 since 2026-11-28, when it came to weigh every
 * combination of the two kinds of cell. Raised whenever that rule changes what it shows.
 */
export const ITEM_RULE = 2;

const pick = (cells: Record<string, Cell | null>) =>
  Object.fromEntries(
    Object.entries(cells).map(([id, cell]) => [
      id,
      cell && { score: cell.score, n: cell.n, ci95: cell.ci95 },
    ]),
  );

/** What later waves read of one group: every shown cell's score, n and interval, suppressed cells as null. */
export const publishedGroup = (g: Group): PublishedGroup => ({
  teamKey: g.teamKey,
  dimensions: pick(g.dimensions),
  ...(g.items ? { items: pick(g.items) } : {}),
});

/** Keeps only what later waves read of a report (`publishedGroup`). */
export function publishedFigures(report: Report): PublishedFigures {
  return {
    organization: publishedGroup(report.organization),
    groups: report.groups.map(publishedGroup),
    itemRule: ITEM_RULE,
  };
}

/**
 * A previous wave's published figures as the JSON text its snapshot stores, read one group at a
 * time (`publishedGroups`): parsed whole, those of 10,000 teams with items were some 46 MB of
 * objects, of which a report reads a score and an interval per cell.
 */
export interface PublishedText {
  text: string;
}

/**
 * The organization's group, then every team's, of either form of the published figures, with how
 * many there are; from the text, each is parsed only when it is read.
 */
export function publishedGroups(figures: PublishedFigures | PublishedText): {
  count: number;
  groups: Iterable<PublishedGroup>;
  /** Whether their item cells were decided by today's rule (`PublishedFigures.itemRule`). */
  itemsComparable: boolean;
} {
  if (!('text' in figures))
    return {
      count: 1 + figures.groups.length,
      groups: [figures.organization, ...figures.groups],
      itemsComparable: figures.itemRule === ITEM_RULE,
    };
  const { organization, groups, itemRule } = splitPublished(figures.text);
  return {
    count: 1 + groups.length,
    itemsComparable: itemRule === ITEM_RULE,
    groups: (function* () {
      yield JSON.parse(organization) as PublishedGroup;
      for (const group of groups) yield JSON.parse(group) as PublishedGroup;
    })(),
  };
}

const isSpace = (code: number) => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;

/** Where the JSON string that starts at `at` (its opening quote) ends, past its closing quote. */
function stringEnd(text: string, at: number): number {
  let i = at + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x5c) i += 2;
    else if (code === 0x22) return i + 1;
    else i += 1;
  }
  throw new SyntaxError('published figures: a string is not closed');
}

/** Where the JSON value that starts at `at` ends. */
function valueEnd(text: string, at: number): number {
  const first = text.charCodeAt(at);
  if (first === 0x22) return stringEnd(text, at);
  if (first !== 0x7b && first !== 0x5b) {
    let i = at;
    while (i < text.length && !/[,}\]\s]/.test(text[i]!)) i += 1;
    return i;
  }
  let depth = 0;
  let i = at;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x22) {
      i = stringEnd(text, i);
      continue;
    }
    if (code === 0x7b || code === 0x5b) depth += 1;
    else if (code === 0x7d || code === 0x5d) {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
    i += 1;
  }
  throw new SyntaxError('published figures: an object or array is not closed');
}

/**
 * The text of the organization's group and of each team's, cut from the figures' JSON without
 * parsing the rest: each cut shares the text's memory until it is parsed.
 */
function splitPublished(text: string): {
  organization: string;
  groups: string[];
  itemRule: number | null;
} {
  let i = 0;
  const skip = () => {
    while (i < text.length && isSpace(text.charCodeAt(i))) i += 1;
  };
  const expect = (char: string) => {
    skip();
    if (text[i] !== char) throw new SyntaxError(`published figures: expected ${char} at ${i}`);
    i += 1;
  };
  let organization: string | null = null;
  let itemRule: number | null = null;
  const groups: string[] = [];
  expect('{');
  skip();
  if (text[i] === '}') throw new SyntaxError('published figures: no organization');
  for (;;) {
    skip();
    const keyEnd = stringEnd(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = keyEnd;
    expect(':');
    skip();
    if (key === 'groups') {
      expect('[');
      skip();
      if (text[i] === ']') i += 1;
      else
        for (;;) {
          skip();
          const end = valueEnd(text, i);
          groups.push(text.slice(i, end));
          i = end;
          skip();
          if (text[i] === ']') {
            i += 1;
            break;
          }
          expect(',');
        }
    } else {
      const end = valueEnd(text, i);
      if (key === 'organization') organization = text.slice(i, end);
      if (key === 'itemRule') itemRule = Number(text.slice(i, end));
      i = end;
    }
    skip();
    if (text[i] === '}') break;
    expect(',');
  }
  if (organization === null) throw new SyntaxError('published figures: no organization');
  return { organization, groups, itemRule };
}
