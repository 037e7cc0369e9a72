import type { KeptReport } from './kept-report.ts';

/**
 * The reports of closed waves, as built: a closed wave's report is a pure function of what was
 * frozen at its close (R3), of the previous wave's published figures, and of the few things the
 * key below names, so a second read can skip loading the snapshot and working every cell out again
 * (tens of milliseconds at 500 teams with items). Nothing here is ever stale: anything that could
 * change the report is part of its key, and an entry no longer asked for simply ages out.
 *
 * Reports are kept as their text (`KeptReport`), which no reader can change. The cache holds them
 * up to a budget of cells (one per figure), not a count of reports: one report of 10,000 teams
 * with items weighs as much as many small ones.
 */
export class ReportCache {
  readonly #entries: WeightedCache<KeptReport>;

  constructor(readonly budgetCells: number) {
    this.#entries = new WeightedCache(budgetCells);
  }

  get(key: string): KeptReport | undefined {
    return this.#entries.get(key);
  }

  set(key: string, report: KeptReport): KeptReport {
    if (report.cells <= this.budgetCells) this.#entries.set(key, report, report.cells);
    return report;
  }

  get size() {
    return this.#entries.size;
  }
}

/**
 * Room for the report with items of an organization of 10,000 teams (about 360,000 cells, some
 * 70 MB of text) beside its heat map, or about twenty reports of 500 teams with items: the budget of
 * the closed reports kept on the event loop, and of what the report thread keeps for item detail.
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
