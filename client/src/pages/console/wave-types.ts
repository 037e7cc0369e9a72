// The console's view of the wave routes' answers (server/routes/waves.ts, delivery.ts,
// progress.ts). Only the fields the console reads; the server's zod schemas are the source.

export interface Wave {
  id: string;
  title: string;
  status: 'draft' | 'open' | 'closed';
  questionnaire: { key: string; version: string };
  closesAt: string | null;
  /** A draft wave opens itself then, and its invitations go out. */
  opensAt: string | null;
  /** Days after opening on which every recipient is reminded, ascending. */
  reminderDays: number[];
  /** How many of reminderDays have gone out. */
  remindersSent: number;
  /** The language of the wave's emails. */
  locale: string;
}

export interface WaveLink {
  teamKey: string;
  teamName: string;
  code: string;
  url: string;
  /** The link takes an answer only with a single-use personal code. */
  personalCodes: boolean;
}

export interface MailCounts {
  recipients: number;
  queued: number;
  sent: number;
  failed: number;
}

export interface Delivery extends MailCounts {
  emailConfigured: boolean;
  /** Addresses given up on, to correct; only while the wave is open. */
  failedAddresses: string[];
  teams: (MailCounts & { teamKey: string; teamName: string; personalCodes: boolean })[];
}

export interface RecipientUpload {
  teams: { teamKey: string; recipients: number }[];
  /** Invitations queued by this upload (an open wave invites new recipients at once). */
  invited?: number;
}

export interface ParticipationFigures {
  responses: number;
  headcount: number | null;
  /** responses / headcount from 0 to 1; null when the headcount is unknown. */
  rate: number | null;
}

export interface ProgressRow extends ParticipationFigures {
  teamKey: string;
  teamName: string;
  parentKey: string | null;
  depth: number;
  /** The team's link has taken more answers than the team has members and refuses more. */
  full: boolean;
  subtree: ParticipationFigures;
  belowTarget: boolean;
  mail: MailCounts;
}

export interface WaveProgress {
  total: ParticipationFigures;
  /** Depth first, as the hierarchy reads. */
  teams: ProgressRow[];
}
