import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isMainThread, Worker } from 'node:worker_threads';
import {
  buildRankedReport,
  itemSlice,
  type Report,
  type ReportBasis,
  type ReportInput,
  reportBasis,
} from '../domain/report/build-report.ts';
import type { HotspotRanking } from '../domain/report/hotspots.ts';
import type { ReportSlice } from '../domain/report/slice-report.ts';
import { compactFromFrozen, type FrozenSums } from '../domain/scoring/sums-document.ts';
import {
  type FreezeInput,
  type FrozenBytes,
  type FrozenDocuments,
  frozenDocuments,
} from './frozen-documents.ts';
import { KeptReport, type KeptReportParts, keptReportParts } from './kept-report.ts';
import { REPORT_CELLS, WeightedCache } from './report-cache.ts';

/**
 * Builds reports on a worker thread of their own, so the event loop keeps serving while one is
 * worked out: a report with items at 500 teams takes 40 ms of CPU once the code is warm and
 * several times that on the first close after a start, which no survey or health check should
 * wait behind. The input crosses the thread boundary as a structured clone, and the report comes
 * back as its text (`KeptReport`), which the event loop keeps and sends without decoding it. One
 * thread serves every report of the process,
 * one at a time, and does not keep the process alive; if it dies, the next report starts another.
 * Where no thread can be started, reports are built in place.
 *
 * The sums come as the JSON texts stored (`FrozenSums`), which only the thread decodes: at 10,000
 * teams, some 20 MB of tables (`TeamSumsTable`) that the event loop neither decodes nor copies.
 */
export async function buildReportOffThread(source: ReportSource): Promise<KeptReport> {
  return new KeptReport(await offThread({ kind: 'report', source }));
}

/**
 * A closed wave's report as it crosses to the thread: the texts its snapshots store, parsed only
 * there, beside the rest of its input.
 */
export interface ReportSource {
  input: Omit<ReportInput, 'aggregates' | 'previous'>;
  /** The wave's frozen sums. */
  frozen: FrozenSums;
  /**
   * The previous closed wave's published figures (trends), as the JSON text stored, or null: at
   * 10,000 teams, 21 MB of text that the event loop would otherwise decode and copy.
   */
  previous: string | null;
}

/** The report input a `ReportSource` describes, decoded where it is built. */
export function reportInputOf({ input, frozen, previous }: ReportSource): ReportInput {
  return {
    ...input,
    aggregates: compactFromFrozen(frozen, input.items, input.dimensions),
    // A JSON null, as parsing the text once read it, is no previous figures.
    previous: previous === null || previous.trim() === 'null' ? null : { text: previous },
  };
}

/**
 * What a closing wave stores beside its sums (`frozenDocuments`), worked out on the same thread
 * from the texts the database wrote: the sums go over, with the hierarchy and the names, and the
 * published figures come back as text. At 10,000 teams the sums decode into some 20 MB of tables
 * and the published figures take seconds of work; decoding, copying them between threads and
 * writing them as JSON on the event loop stopped everything else for seconds.
 *
 * The thread starts now, not when the sums come: a close starts it before the database sums its
 * answers, so that the thread loads its code meanwhile, some 100 ms on a busy machine of two cores
 * that would otherwise come after the sums. Given no work within `unusedMs`, or abandoned (a close
 * that failed), the thread ends, and a freeze asked for later starts another.
 */
export function prepareFreeze(unusedMs = UNUSED_FREEZE_MS): Freezer {
  const thread = freezeThread();
  thread?.retireUnlessGivenWorkWithin(unusedMs);
  const freeze = async (input: FreezeInput) => {
    // A reports' thread started while the database summed, idle now, ends before the freeze.
    retireIdleReportThread();
    const job = { kind: 'frozen', input } as const;
    const { published } = (await (thread?.takesWork ? thread.run(job) : offThread(job))) as FrozenBytes;
    return { published: new TextDecoder().decode(published) };
  };
  return Object.assign(freeze, { abandon: () => thread?.retire() });
}

/** A freeze whose thread is started (`prepareFreeze`): called with its input, or abandoned. */
export interface Freezer {
  (input: FreezeInput): Promise<FrozenDocuments>;
  /** Ends the thread if it has not been given the freeze: the close failed first. */
  abandon(): void;
}

/**
 * How long a freeze's thread started ahead waits for its work: longer than the sums of any close
 * take (33 s for an organization of 10,000 teams on a busy machine), short enough that a close
 * that failed first does not keep a thread for long.
 */
const UNUSED_FREEZE_MS = 5 * 60_000;

/**
 * Part of a closed wave's report with items (`itemSlice`), from the basis the thread keeps for the
 * wave's report under `key`. Asked first with the key alone, so that a click on a heat-map cell
 * loads, copies and decodes nothing; the thread answers `missing` when it has no basis for that key
 * (a first click, or a thread that has ended since), and the caller asks again with what it is
 * made from.
 */
export async function itemSliceOffThread(
  key: string,
  slice: ReportSlice,
  basis: () => Promise<ReportSource>,
): Promise<Report | null> {
  const kept = await offThread({ kind: 'slice', key, slice });
  if (!('missing' in kept)) return kept.report;
  const made = await offThread({ kind: 'slice', key, slice, basis: await basis() });
  if ('missing' in made) throw new Error('the report thread answered a slice with its basis as missing');
  return made.report;
}

/** One piece of work for the thread, and what it answers. */
export type Job =
  | { kind: 'report'; source: ReportSource }
  | { kind: 'frozen'; input: FreezeInput }
  | {
      kind: 'slice';
      key: string;
      slice: ReportSlice;
      basis?: ReportSource;
    };
export type SliceAnswer = { missing: true } | { report: Report | null };
type Answer<J extends Job> = J extends { kind: 'frozen' }
  ? FrozenBytes
  : J extends { kind: 'slice' }
    ? SliceAnswer
    : KeptReportParts;

/**
 * The bases of the reports whose item detail was asked last, on the report thread only: made in
 * place, without a thread, a basis serves its one slice and is dropped, since nothing would give
 * its memory back. Room for as many cells as the report cache holds (`REPORT_CELLS`): the basis of
 * an organization of 10,000 teams alone, or some twenty of 500 teams, so that clicks on two waves
 * or in two languages in turn do not build them again each time. Any other job empties it first:
 * a close or a whole report of 10,000 teams needs the room, and the thread then ends soon after it
 * (`RETIRE_AFTER_MS`).
 */
const bases = new WeightedCache<ReportBasis>(REPORT_CELLS);

function sliceJob(job: Extract<Job, { kind: 'slice' }>): SliceAnswer {
  const kept = bases.get(job.key);
  if (kept) return { report: itemSlice(kept, job.slice) };
  if (!job.basis) return { missing: true };
  const { input } = job.basis;
  // Weighed as the report cache weighs the report with items: one cell per figure, and per group.
  const cells = (input.teams.length + 1) * (1 + input.items.length + input.dimensions.length);
  const keep = !isMainThread;
  // Room first, so that the bases let go are not held beside the one being made.
  if (keep) bases.makeRoom(cells);
  const basis = reportBasis(reportInputOf(job.basis));
  if (keep) bases.set(job.key, basis, cells);
  return { report: itemSlice(basis, job.slice) };
}

type JobAnswer = KeptReportParts | FrozenBytes | SliceAnswer;

/** What of an answer can cross back from the thread without a copy: a text it wrote, a ranking. */
export const transferable = (answer: JobAnswer): ArrayBuffer[] =>
  'published' in answer
    ? [answer.published.buffer as ArrayBuffer]
    : 'bytes' in answer
      ? [answer.bytes, answer.spans, ...rankingArrays(answer.ranking)].map((a) => a.buffer as ArrayBuffer)
      : [];

const rankingArrays = ({ group, dimension, score, delta }: HotspotRanking) => [
  group,
  dimension,
  score,
  delta,
];

/** The work done where it is asked for: the thread runs this very function. */
export function runJob(job: Job): JobAnswer {
  switch (job.kind) {
    case 'report':
      bases.clear();
      return keptReportParts(buildRankedReport(reportInputOf(job.source)));
    case 'frozen':
      bases.clear();
      return frozenDocuments(job.input);
    case 'slice':
      return sliceJob(job);
  }
}

function offThread<J extends Job>(job: J): Promise<Answer<J>> {
  const thread = job.kind === 'frozen' ? freezeThread() : reportThread();
  if (!thread) return Promise.resolve(runJob(job) as Answer<J>);
  return thread.run(job) as Promise<Answer<J>>;
}

/**
 * A closing wave's freeze runs on a thread of its own, started for it and ended after it: a
 * thread's heap stays as large as its largest work made it, so a freeze of 10,000 teams on the
 * thread that had just built a report or kept a basis for item detail took the process some
 * 130 MB higher than on a new one, and the report read right after the close, on the thread that
 * froze it, did the same. The reports' thread, if it has nothing to do, ends first, with the basis
 * it may keep, and again before the freeze itself should one have started meanwhile
 * (`prepareFreeze`); one that is building a report goes on beside the freeze, as a close does not
 * wait for a report. Reports asked for meanwhile go to the reports' thread, never to the freeze's.
 */
function freezeThread(): ReportThread | null {
  retireIdleReportThread();
  if (unavailable) return null;
  const thread = startThread(() => {
    freezeThreads -= 1;
  });
  if (thread) freezeThreads += 1;
  thread?.retireAfterNext();
  return thread;
}

function retireIdleReportThread(): void {
  if (current && !current.busy) current.retire();
}

interface ReportThread {
  run(job: Job): Promise<JobAnswer>;
  /** Whether the thread has built a report, so is known to work. */
  readonly answered: boolean;
  /** Whether it has work in hand. */
  readonly busy: boolean;
  /** Takes no more work and ends once what it has is done. */
  retire(): void;
  /** Ends once the next job it is given is done (`freezeThread`). */
  retireAfterNext(): void;
  /** Ends if it is given no job within `millis` (`prepareFreeze`). */
  retireUnlessGivenWorkWithin(millis: number): void;
  /** Whether a job given now would be done by this thread: it is neither ending nor ended. */
  readonly takesWork: boolean;
}

/** Whether reports are being built on a thread that has answered (for tests and diagnostics). */
export const reportThreadAnswered = () => current?.answered === true;

/** How many report threads have ended in this process (for tests and diagnostics). */
export const reportThreadsEnded = () => ended;
let ended = 0;

/** How many jobs report threads have answered in this process (for tests and diagnostics). */
export const jobsAnsweredOnThreads = () => jobsAnswered;
let jobsAnswered = 0;

/** How many threads started for a freeze have not ended yet (for tests and diagnostics). */
export const freezeThreadsRunning = () => freezeThreads;
let freezeThreads = 0;

let current: ReportThread | null = null;

/**
 * A thread left with nothing to do for this long ends, and gives back the heap its work grew:
 * after closing a wave of 10,000 teams, whose documents are worked out with every item, V8 kept
 * hundreds of megabytes for the thread's life (the server held 630 MB after the close instead of
 * 270 MB). The next job starts a new thread, tens of milliseconds beside a build of seconds.
 */
const RETIRE_AFTER_MS = 5_000;
/**
 * A thread that keeps the basis of an item detail lives this long without work instead, so that a
 * leader reading the cells of a large heat map one by one gets each in milliseconds rather than in
 * seconds; after it ends, the next click builds the basis again.
 */
const KEEP_BASIS_MS = 120_000;
/**
 * Set when the first thread stopped before it ever answered: threads do not work here, and this
 * process builds reports in place. A later thread that dies (a retired one's successor running out
 * of memory, say) takes only its own jobs back here.
 */
let unavailable = false;
let anyAnswered = false;

/**
 * A bound on each thread's heap. Without one, V8 lets a thread's heap grow to half of the default
 * limit, 2 GB on a machine of 24 GB, before it first collects: freezing a wave of 10,000 teams,
 * whose live objects peak at about 190 MB, took the process 450 MB above where it started; with a
 * bound of 1 GB, 340 MB. Since the sums are tables of numbers (`TeamSumsTable`), that freeze fits
 * in a heap of 96 MB, so the bound is ten times what it needs. A job that needs more usually
 * ends its thread (`ERR_WORKER_OUT_OF_MEMORY`) and is built here, as without threads; Node.js does
 * not promise that every way of running out ends only the thread. A `--max-old-space-size` in
 * `NODE_OPTIONS` can take the place of this bound.
 */
let heapLimitMb = 1024;

/**
 * The thread's young generation, where objects live until they survive a collection or two. V8's
 * default, tens of megabytes, suits a thread that serves many small requests; this one runs a few
 * long jobs whose garbage is mostly short-lived, and freezing a wave of 10,000 teams took the
 * process 28 to 35 MB higher with it than with 8 MB, in about the same time.
 */
const YOUNG_GENERATION_MB = 8;

/** Sets the bound for threads started from now on (for tests). */
export function setReportThreadHeapLimit(megabytes: number): void {
  heapLimitMb = megabytes;
}

/** The thread that builds reports, started when none is running. */
function reportThread(): ReportThread | null {
  if (current || unavailable) return current;
  current = startThread();
  return current;
}

function startThread(onExit: () => void = () => {}): ReportThread | null {
  let worker: Worker;
  try {
    worker = startWorker();
  } catch {
    return null;
  }
  worker.unref();
  const pending = new Map<
    number,
    { job: Job; resolve(answer: JobAnswer): void; reject(error: Error): void }
  >();
  let next = 0;
  // A thread that could not start or died takes no report with it: what it had is built here, as
  // it would be without threads, and the next report starts a new thread.
  let answered = false;
  let outOfMemory = false;
  let keepsBasis = false;
  /** Set once the thread takes no more work: it ends when what it has is done. */
  let retiring = false;
  let retiresAfterNext = false;
  let exited = false;
  const fail = () => {
    exited = true;
    if (current === thread) current = null;
    // A first thread that ran out of heap on one large job says nothing against threads here, nor
    // does one ended on purpose (a freeze's thread whose close failed before giving it work).
    if (!anyAnswered && !outOfMemory && !retiring) unavailable = true;
    for (const waiting of pending.values()) {
      try {
        waiting.resolve(runJob(waiting.job));
      } catch (error) {
        waiting.reject(error as Error);
      }
    }
    pending.clear();
  };
  worker.on('message', (message: { id: number; answer?: JobAnswer; error?: string }) => {
    answered = true;
    anyAnswered = true;
    jobsAnswered += 1;
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    // A thread whose last work was an item detail keeps its basis for the next click; after any
    // other work it ends soon, with the garbage of that work.
    keepsBasis =
      waiting?.job.kind === 'slice' && message.answer !== undefined && !('missing' in message.answer);
    if (retiresAfterNext) retiring = true;
    if (pending.size === 0) {
      if (retiring) void worker.terminate();
      else rest();
    }
    if (message.error !== undefined) waiting?.reject(new Error(`the report thread failed: ${message.error}`));
    else waiting?.resolve(message.answer!);
  });
  worker.on('error', (error: Error & { code?: string }) => {
    if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') outOfMemory = true;
    fail();
  });
  worker.on('exit', () => {
    ended += 1;
    onExit();
    fail();
  });
  let idle: NodeJS.Timeout | undefined;
  let unused: NodeJS.Timeout | undefined;
  /** Nothing left to do: the process need not wait for the thread, which ends unless given more. */
  const rest = () => {
    worker.unref();
    clearTimeout(idle);
    idle = setTimeout(
      () => {
        if (current === thread) current = null;
        void worker.terminate();
      },
      keepsBasis ? KEEP_BASIS_MS : RETIRE_AFTER_MS,
    ).unref();
  };
  const thread: ReportThread = {
    get answered() {
      return answered;
    },
    get busy() {
      return pending.size > 0;
    },
    retire() {
      if (current === thread) current = null;
      if (retiring) return;
      retiring = true;
      clearTimeout(idle);
      clearTimeout(unused);
      if (pending.size === 0) void worker.terminate();
    },
    retireAfterNext() {
      retiresAfterNext = true;
    },
    retireUnlessGivenWorkWithin(millis) {
      // Cleared when the thread is given its work.
      unused = setTimeout(() => thread.retire(), millis);
      unused.unref();
    },
    get takesWork() {
      return !retiring && !exited;
    },
    run(job) {
      clearTimeout(unused);
      clearTimeout(idle);
      return new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { job, resolve, reject });
        // While a report is being built, the process waits for it.
        worker.ref();
        try {
          worker.postMessage({ id, job });
        } catch (error) {
          // An input that cannot be copied to the thread (none today) is built here instead.
          pending.delete(id);
          if (pending.size === 0) rest();
          try {
            resolve(runJob(job));
          } catch {
            reject(error as Error);
          }
        }
      });
    },
  };
  return thread;
}

/**
 * Built, the thread is `report-thread.js` beside this file. Run from the sources (tests, the bench,
 * `tsx`), it is TypeScript, which a worker can load only once tsx's loader is registered in it.
 */
function startWorker(): Worker {
  const resourceLimits = {
    maxOldGenerationSizeMb: heapLimitMb,
    maxYoungGenerationSizeMb: YOUNG_GENERATION_MB,
  };
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./report-thread.js', import.meta.url), { resourceLimits });
  // The module form of tsx's API, beside the CommonJS one that `require.resolve` finds.
  const api = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const loader = pathToFileURL(api).href;
  const entry = new URL('./report-thread.ts', import.meta.url).href;
  return new Worker(
    `import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true, resourceLimits },
  );
}
