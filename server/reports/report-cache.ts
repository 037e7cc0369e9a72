import type { Report } from '../domain/report/build-report.ts';

/**
 * The reports of closed waves, as built: a closed wave's report is a pure function of what was
 * frozen at its close (R3), of the previous wave's published figures, and of the few things the
 * key below names, so a second read can skip loading the snapshot and working every cell out again
 * (tens of milliseconds at 500 teams with items). Nothing here is ever stale: anything that could
 * change the report is part of its key, and an entry no longer asked for simply ages out.
 *
 * Reports are frozen before they are kept, so a caller that tried to change a shared one would
 * fail loudly instead of changing what the next reader sees. The cache holds reports up to a
 * budget of cells (one figure object each), not a count of reports: one report of 10,000 teams
 * with items weighs as much as many small ones.
 */
export class ReportCache {
  readonly #entries: WeightedCache<Report>;

  constructor(readonly budgetCells: number) {
    this.#entries = new WeightedCache(budgetCells);
  }

  get(key: string): Report | undefined {
    return this.#entries.get(key);
  }

  set(key: string, report: Report): Report {
    const weight = cellsOf(report);
    deepFreeze(report);
    if (weight <= this.budgetCells) this.#entries.set(key, report, weight);
    return report;
  }

  get size() {
    return this.#entries.size;
  }
}

/**
 * Room for the report with items of an organization of 10,000 teams (about 360,000 cells, some
 * 95 MB) beside its heat map, or about twenty reports of 500 teams with items: the budget of the
 * closed reports kept on the event loop, and of what the report thread keeps for item detail.
 */
export const REPORT_CELLS = 450_000;

/**
 * Values up to a budget of weight, the one asked for least recently let go first: what both the
 * report cache and the report thread's bases for item detail keep (`report-builder.ts`).
 */
export class WeightedCache<V> {
  readonly #entries = new Map<string, { value: V; weight: number }>();
  #weight = 0;

  constructor(readonly budget: number) {}

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    // Most recently used last, so the first entry is the one to let go.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Lets entries go, least recently used first, until `weight` more fits or none is left. */
  makeRoom(weight: number): void {
    for (const [key, entry] of this.#entries) {
      if (this.#weight + weight <= this.budget) return;
      this.#entries.delete(key);
      this.#weight -= entry.weight;
    }
  }

  /** Keeps `value`, making room for it first; one heavier than the whole budget is kept alone. */
  set(key: string, value: V, weight: number): void {
    const previous = this.#entries.get(key);
    if (previous) {
      this.#weight -= previous.weight;
      this.#entries.delete(key);
    }
    this.makeRoom(weight);
    this.#entries.set(key, { value, weight });
    this.#weight += weight;
  }

  clear(): void {
    this.#entries.clear();
    this.#weight = 0;
  }

  get size() {
    return this.#entries.size;
  }
}

/** One per figure: each group's dimension and item cells, at least one per group. */
function cellsOf(report: Report): number {
  let cells = 0;
  for (const group of [report.organization, ...report.groups])
    cells += 1 + Object.keys(group.dimensions).length + Object.keys(group.items ?? {}).length;
  return cells;
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
