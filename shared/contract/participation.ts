import { z } from 'zod';
import { COMMENT_MAX_LENGTH } from '../../server/domain/participation/answers.ts';
import { localizedQuestionnaireSchema } from './questionnaires.ts';
import type { Received, Sent } from './wire.ts';

/*
 * The survey's calls. Its page imports these types only: the survey bundle has a budget, and
 * zod at run time would spend most of it.
 */

/** GET /api/participate/:code: what a participation link opens. */
export const surveySchema = z.object({
  waveTitle: z.string(),
  teamName: z.string(),
  anonymityThreshold: z.number().int(),
  invitationRequired: z
    .boolean()
    .describe('The team has personal codes on: its link takes an answer only with one'),
  closesAt: z.date().nullable(),
  questionnaire: localizedQuestionnaireSchema,
});

/** POST /api/participate/:code/invitation */
export const invitationCheckSchema = z.object({ invitation: z.string().max(64) });
export const invitationValidSchema = z.object({ status: z.literal('valid') });

/** POST /api/participate/:code/responses */
export const submissionSchema = z.object({
  submissionId: z.uuid().describe('Created by the page when it opens; a retry sends the same one'),
  answers: z.record(z.string().max(100), z.unknown()).describe('{itemId: 1..5 or null to skip}'),
  comment: z.string().max(COMMENT_MAX_LENGTH).nullable().optional(),
  invitation: z.string().max(64).nullable().optional(),
});
export const submissionRecordedSchema = z.object({ status: z.literal('recorded') });
export const submissionAlreadyRecordedSchema = z.object({ status: z.literal('already-recorded') });

export type Survey = Received<typeof surveySchema>;
export type InvitationCheck = Sent<typeof invitationCheckSchema>;
export type Submission = Sent<typeof submissionSchema>;
export type SubmissionAnswer =
  | Received<typeof submissionRecordedSchema>
  | Received<typeof submissionAlreadyRecordedSchema>;
