import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { localeQuery } from '../../shared/contract/params.ts';
import {
  invitationCheckSchema,
  invitationValidSchema,
  submissionAlreadyRecordedSchema,
  submissionRecordedSchema,
  submissionSchema,
  surveySchema,
} from '../../shared/contract/participation.ts';
import type { Config } from '../config.ts';
import { createResponseIntake, INTAKE_PATIENCE_MS, IntakeStalled } from '../db/response-intake.ts';
import { hashInvitationCode } from '../db/responses.ts';
import { invitationState, openParticipation, type Participation } from '../db/waves.ts';
import { validateAnswers } from '../domain/participation/answers.ts';
import { normalizeInvitationCode } from '../domain/participation/invitation-code.ts';
import { localize, pickLocale } from '../domain/questionnaire/localize.ts';
import type { App } from '../http/app-types.ts';
import {
  badRequest,
  conflict,
  errorResponses,
  gone,
  invalidField,
  notFound,
  serviceUnavailable,
} from '../http/errors.ts';
import { budgetsHook } from '../plugins/security.ts';
import { createOpenLinks } from '../waves/open-links.ts';

const codeParams = z.object({ code: z.string().min(1).max(64) });

// Each error has a reason the survey page says in the person's own language; the message is the
// English fallback for anything else that reads the API.
const invitationRequired = () =>
  invalidField('body.invitation', 'survey.invitation-required').because('invitation-required');
const invitationUnknown = () =>
  invalidField('body.invitation', 'survey.invitation-unknown').because('invitation-unknown');
const invitationUsed = () => conflict('survey.invitation-used').because('invitation-used');

function acceptLanguages(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((part) => part.split(';')[0]!.trim())
    .filter(Boolean)
    .slice(0, 10);
}

export async function participationRoutes(
  app: App,
  { config, intakePatienceMs = INTAKE_PATIENCE_MS }: { config: Config; intakePatienceMs?: number },
) {
  // Budgets, all keyed on hashes (A2). One link serves a whole team, and an office of hundreds
  // can share one address, so the budget of a link and address together is generous, and the
  // link's own budget is larger still: one address that floods spends its own budget and nothing
  // of anyone else's. Opening the survey is counted apart from submitting, so a flood of
  // submissions never stops people from loading the page. What a flooder can store is bounded
  // by the team's headcount, in the insert itself (`recordResponses`), not here.
  const code = (request: FastifyRequest) => String((request.params as { code?: string }).code ?? '');
  const keys = app.rateKeys;
  const fromAddress = (scope: string) => (request: FastifyRequest) =>
    keys.key(scope, `${code(request)}:${keys.client(request)}`);
  // With the counts in Redis and Redis unreachable, requests are admitted uncounted (a warning
  // each): what a flood can store is bounded by the headcount cap in the insert anyway, and
  // refusing would stop every team's survey for the length of the outage.
  const whenUncounted = 'admit';
  const openBudget = budgetsHook(
    app,
    [
      {
        name: 'open-address',
        max: config.participationOpenAddressRateLimitPerMinute,
        key: fromAddress('open-address'),
      },
      {
        name: 'open-link',
        max: config.participationOpenRateLimitPerMinute,
        key: (request) => keys.key('open', code(request)),
      },
    ],
    { whenUncounted },
  );
  const submitBudget = budgetsHook(
    app,
    [
      {
        name: 'submit-address',
        max: config.participationAddressRateLimitPerMinute,
        key: fromAddress('submit-address'),
      },
      {
        name: 'submit-link',
        max: config.participationRateLimitPerMinute,
        key: (request) => keys.key('submit', code(request)),
      },
    ],
    { whenUncounted },
  );

  // Open links are remembered for a moment and looked up again in the background while in use
  // (server/waves/open-links.ts); the insert itself checks that the wave is still open.
  const openLinks = createOpenLinks({
    lookup: (code: string) => openParticipation(app.db, code),
    keep: (participation: Participation) => participation.status === 'open',
    // Without the link's code: codes stay out of the log (A2).
    whenRefreshFails: (error) =>
      app.log.warn({ err: error }, 'looking up an open participation link again failed'),
    maxAgeMs: 2000,
    refreshAfterMs: 1000,
  });
  const intake = createResponseIntake(app.db, { patienceMs: intakePatienceMs });

  /** The link's survey, if it can be answered; `afresh` reads it now instead of from memory. */
  async function openLink(code: string, afresh?: 'afresh') {
    if (!/^[A-Za-z0-9_-]{10,64}$/.test(code)) throw notFound('survey.link-unknown').because('link-unknown');
    const participation = await (afresh ? openLinks.fresh(code) : openLinks.get(code));
    if (!participation) throw notFound('survey.link-unknown').because('link-unknown');
    if (participation.status === 'draft') throw conflict('survey.not-open').because('wave-not-open');
    if (participation.status === 'closed') throw gone('survey.closed').because('wave-closed');
    return participation;
  }

  app.get(
    '/api/participate/:code',
    {
      config: { access: { respondent: true } },
      onRequest: openBudget,
      schema: {
        tags: ['participation'],
        summary: 'What a participation link opens: the survey, in the asked or browser language',
        params: codeParams,
        querystring: localeQuery,
        response: {
          200: surveySchema,
          ...errorResponses(400, 404, 409, 410, 429),
        },
      },
    },
    async (request) => {
      const participation = await openLink(request.params.code);
      const definition = app.questionnaires.get(
        participation.questionnaireKey,
        participation.questionnaireVersion,
      )!;
      const locale = pickLocale(definition, [
        ...(request.query.locale ? [request.query.locale] : []),
        ...acceptLanguages(request.headers['accept-language']),
      ]);
      return {
        waveTitle: participation.waveTitle,
        teamName: participation.teamName,
        anonymityThreshold: participation.anonymityThreshold,
        invitationRequired: participation.invitationRequired,
        closesAt: participation.closesAt,
        questionnaire: localize(definition, locale)!,
      };
    },
  );

  app.post(
    '/api/participate/:code/invitation',
    {
      config: { access: { respondent: true } },
      // Counted with opening the survey, which it is part of, so it costs nothing of submitting.
      onRequest: openBudget,
      schema: {
        tags: ['participation'],
        summary: 'Check that a personal code belongs to this survey, before answering',
        description:
          "Lets the survey tell a person at once that a code is mistyped, instead of after every question. Case, spaces and hyphens do not matter. It answers the same for a used and an unused code: whether a code was used is said only when answers are sent with it, which spends an unused one, so nobody who merely holds a person's invitation can learn quietly whether they answered.",
        params: codeParams,
        body: invitationCheckSchema,
        response: {
          200: invitationValidSchema,
          ...errorResponses(400, 404, 409, 410, 429),
        },
      },
    },
    async (request) => {
      let participation = await openLink(request.params.code);
      // The link comes from memory up to two seconds old: personal codes turned on just now would
      // read as not needed, and the phone would send its answers without the code it was given,
      // to be refused. Before saying a code is not needed, read the link afresh.
      if (!participation.invitationRequired) participation = await openLink(request.params.code, 'afresh');
      if (!participation.invitationRequired)
        throw conflict('survey.invitation-not-needed').because('invitation-not-needed');
      const typed = request.body.invitation.trim();
      if (!typed) throw invitationRequired();
      const state = await invitationState(
        app.db,
        participation.waveId,
        participation.teamId,
        hashInvitationCode(typed),
      );
      if (state === 'unknown') throw invitationUnknown();
      return { status: 'valid' as const };
    },
  );

  app.post(
    '/api/participate/:code/responses',
    {
      config: { access: { respondent: true } },
      onRequest: submitBudget,
      schema: {
        tags: ['participation'],
        summary: 'Submit anonymous answers; safe to retry with the same submissionId',
        params: codeParams,
        body: submissionSchema,
        response: {
          200: submissionAlreadyRecordedSchema,
          201: submissionRecordedSchema,
          ...errorResponses(400, 404, 409, 410, 429, 503),
        },
      },
    },
    async (request, reply) => {
      let participation = await openLink(request.params.code);
      const definition = app.questionnaires.get(
        participation.questionnaireKey,
        participation.questionnaireVersion,
      )!;
      const checked = validateAnswers(definition.items, request.body.answers);
      if (!checked.ok) {
        throw badRequest('survey.answers-invalid').withFields(checked.errors);
      }
      const typed = request.body.invitation?.trim() || null;
      const invitation = typed === null ? null : normalizeInvitationCode(typed);
      // The link comes from memory up to two seconds old (another instance may have turned personal
      // codes on just now): a code the person typed is not dropped on its word alone.
      if (invitation !== null && !participation.invitationRequired)
        participation = await openLink(request.params.code, 'afresh');
      // A missing code is refused by the statement that stores answers, after it has looked for the
      // submission id: a retry of answers stored before personal codes went on is answered as stored.
      const needed = participation.invitationRequired;
      const comment = request.body.comment?.trim() || null;

      const outcome = await intake
        .record({
          waveId: participation.waveId,
          teamId: participation.teamId,
          questionnaireVersion: `${participation.questionnaireKey}@${participation.questionnaireVersion}`,
          submissionId: request.body.submissionId,
          answers: checked.answers,
          comment: definition.openQuestion ? comment : null,
          invitation: needed ? invitation : null,
        })
        .catch((error: unknown) => {
          if (!(error instanceof IntakeStalled)) throw error;
          // The operator learns the database is stalling; the phone keeps its answers and
          // tries again (503 with Retry-After). Nothing that names the link or the answers (A2).
          request.log.warn({ waitedMs: intakePatienceMs }, 'answers not stored in time');
          throw serviceUnavailable('service.unavailable');
        });
      switch (outcome) {
        case 'recorded':
          return reply.code(201).send({ status: 'recorded' as const });
        case 'already-recorded':
          return reply.code(200).send({ status: 'already-recorded' as const });
        case 'invitation-used':
          throw invitationUsed();
        case 'closed':
          throw gone('survey.closed').because('wave-closed');
        case 'invitation-required':
          throw invitationRequired();
        case 'invitation-unknown':
          throw invitationUnknown();
        case 'team-full':
          throw conflict('survey.team-full').because('team-full');
        case 'team-left-wave':
          throw notFound('survey.link-unknown').because('link-unknown');
      }
    },
  );
}
