// What run.ts and the server processes it starts (server-process.ts) say to each other.

export const BENCH_EMAIL = 'bench@example.org';
export const BENCH_PASSWORD = 'bench password 123';

export type BenchCommand =
  | { cmd: 'usage' }
  | { cmd: 'reset-peak' }
  | { cmd: 'reclaimed' }
  | { cmd: 'loop'; on: boolean }
  | { cmd: 'submission-wave' }
  | { cmd: 'seeded-wave'; responses: number; teams: number; skipRate?: number }
  | { cmd: 'big-organization'; teams: number; responses: number }
  | { cmd: 'snapshot-size'; waveId: string };

export interface Usage {
  /** User and system CPU time of the process so far, in microseconds. */
  cpuMicros: number;
  rssBytes: number;
  /**
   * The most resident memory the process has had since the last `reset-peak` (on Linux, where the
   * kernel keeps that mark and lets a process reset it) or since it started, in bytes.
   */
  maxRssBytes: number;
}
