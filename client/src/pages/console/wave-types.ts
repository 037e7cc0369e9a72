// The console's view of the wave routes' answers (server/routes/waves.ts, delivery.ts,
// progress.ts), derived from the shared contract: types only, nothing of zod reaches the bundle.

export type {
  Delivery,
  MailCounts,
  RecipientUpload,
  RemindersSent,
  TeamPersonalCodes,
} from '../../../../shared/contract/delivery.ts';
export type {
  ParticipationFigures,
  ProgressRow,
  WaveProgress,
} from '../../../../shared/contract/progress.ts';
export type {
  IssuedInvitations,
  TeamParticipation,
  Wave,
  WaveLink,
  WaveWithLinks,
} from '../../../../shared/contract/waves.ts';
