import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actionChangeSchema, actionSchema, newActionSchema } from '../../shared/contract/actions.ts';
import { orgParams, waveParams } from '../../shared/contract/params.ts';
import { createAction, updateAction } from '../actions/action-commands.ts';
import { actionOwnership, loadActions } from '../actions/action-store.ts';
import { actionsForLeader, WaveTrees } from '../actions/action-visibility.ts';
import { publishedFiguresWithCounts } from '../actions/published-counts.ts';
import { loadFrozenTeams } from '../db/wave-aggregates.ts';
import { findWave } from '../db/waves.ts';
import { actionInScope, actionVisible } from '../domain/actions/action-scope.ts';
import { cellFigure } from '../domain/actions/cell-figure.ts';
import { dueDateFits, dueDateWindow } from '../domain/actions/due-date.ts';
import { Hierarchy } from '../domain/hierarchy/hierarchy.ts';
import type { App } from '../http/app-types.ts';
import {
  conflict,
  errorResponses,
  forbidden,
  IDEMPOTENT_CREATE,
  invalidField,
  notFound,
} from '../http/errors.ts';
import { PublicationNotReadyError } from '../reports/wave-report.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const membersOfWave = { organization: { via: 'waveId', roles: ['consultant', 'leader'] } } as const;
const membersOfOrganization = { organization: { via: 'orgId', roles: ['consultant', 'leader'] } } as const;

export async function actionRoutes(app: App) {
  const actor = (request: FastifyRequest) => ({
    userId: request.viewer!.userId,
    email: request.viewer!.email,
  });

  /** The frozen trees one request reads, each once: its access check and its answer share them. */
  const requestTrees = new WeakMap<FastifyRequest, WaveTrees>();
  const treesOf = (request: FastifyRequest, organizationId: string) => {
    const trees = requestTrees.get(request) ?? new WaveTrees(app.db, organizationId);
    requestTrees.set(request, trees);
    return trees;
  };

  /** A due date the action's wave allows (`dueDateWindow`), or a 400 naming the days it allows. */
  function checkDueDate(dueDate: string, waveClosedAt: Date) {
    const window = dueDateWindow(waveClosedAt);
    if (!dueDateFits(dueDate, window))
      throw invalidField('body.dueDate', 'action.due-date-out-of-range', window);
  }

  /** One action as `request`'s reader may see it (`actionsForLeader`). */
  async function shownAction(request: FastifyRequest, id: string) {
    const { organizationId, teamScope } = request.organizationAccess!;
    const trees = treesOf(request, organizationId);
    const [shown] = await actionsForLeader(
      trees,
      teamScope,
      await loadActions(app.db, organizationId, { ids: [id] }),
    );
    return shown!;
  }

  /**
   * The access rule of routes addressed by an action id, which the organization access check
   * cannot resolve (it knows orgId and waveId): the same rule, applied once the action's
   * organization is known. Outsiders get 404 so ids cannot be probed; the declared access
   * (`signedIn`) has already answered 401 to anonymous callers. A leader's part is judged over
   * the tree the action's wave froze at close, as creating it was (`actionsForLeader`).
   */
  async function actionAccess(request: FastifyRequest) {
    const { actionId } = request.params as { actionId?: string };
    const viewer = request.viewer!;
    const missing = notFound('action.not-found');
    if (!actionId || !uuid.test(actionId)) throw missing;
    const action = await actionOwnership(app.db, actionId);
    if (!action) throw missing;
    if (viewer.isAdmin) {
      request.organizationAccess = { organizationId: action.organizationId, role: 'admin', teamScope: null };
      return;
    }
    const membership = viewer.memberships.find((m) => m.organizationId === action.organizationId);
    if (!membership) throw missing;
    if (membership.role !== 'consultant' && membership.role !== 'leader')
      throw forbidden('auth.role-not-allowed', { role: membership.role });
    const teamScope = membership.role === 'leader' ? membership.teamKey : null;
    if (teamScope) {
      const tree = await treesOf(request, action.organizationId).of(action.waveId);
      if (!actionVisible(tree, teamScope, action.teamKey)) throw missing;
      // One on the whole organization: theirs to read, not to change.
      if (!actionInScope(tree, teamScope, action.teamKey)) throw forbidden('action.team-outside-scope');
    }
    request.organizationAccess = { organizationId: action.organizationId, role: membership.role, teamScope };
  }

  app.post(
    '/api/waves/:waveId/actions',
    {
      config: { access: membersOfWave, idempotent: true },
      schema: {
        tags: ['actions'],
        summary: 'Commit to an action on one published cell of a closed wave; its baseline is recorded',
        params: waveParams,
        body: newActionSchema,
        description: IDEMPOTENT_CREATE,
        response: { 201: actionSchema, ...errorResponses(400, 401, 403, 404, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const { role, teamScope } = request.organizationAccess!;
      const { teamKey, dimension } = request.body;
      const wave = await findWave(app.db, request.params.waveId);
      // R6: leaders see nothing of a wave until it closes.
      if (!wave || (role === 'leader' && wave.status !== 'closed')) throw notFound('wave.not-found');
      if (wave.status !== 'closed') throw conflict('action.needs-closed-wave', { status: wave.status });
      const definition = app.questionnaires.get(wave.questionnaireKey, wave.questionnaireVersion)!;
      if (!definition.dimensions.some((d) => d.id === dimension))
        throw invalidField('body.dimension', 'action.unknown-dimension', { dimension });
      const frozenTeams = await loadFrozenTeams(app.db, wave.id);
      if (!frozenTeams) throw new PublicationNotReadyError();
      // Scope as the leader's report of this wave has it: over the tree frozen at its close (R3), so
      // a team moved into the leader's part since then does not hand them its baseline. Before the
      // team is looked for: a scoped leader hears the same for a team outside their part and for
      // one that does not exist, so trying keys tells them nothing of the rest of the tree.
      if (teamScope && !actionInScope(Hierarchy.from(frozenTeams), teamScope, teamKey))
        throw forbidden('action.team-outside-scope');
      if (teamKey !== null && !frozenTeams.some((t) => t.key === teamKey))
        throw invalidField('body.teamKey', 'wave.team-not-in-wave', { team: teamKey });
      checkDueDate(request.body.dueDate, wave.closedAt!);
      const baseline = cellFigure(
        await publishedFiguresWithCounts(app.db, wave, app.questionnaires),
        teamKey,
        dimension,
      );
      // R1, R2: a hidden cell has no published figure to start from, and an action on it would
      // point at a group the report withholds.
      if (!baseline) throw conflict('action.cell-hidden');
      const id = await createAction(
        app.db,
        app.questionnaires,
        { ...request.body, steps: request.body.steps ?? [], wave, baseline, author: actor(request).email },
        actor(request),
      );
      return reply.code(201).send(await shownAction(request, id));
    },
  );

  app.get(
    '/api/organizations/:orgId/actions',
    {
      config: { access: membersOfOrganization },
      schema: {
        tags: ['actions'],
        summary:
          "The organization's actions by due date, each with its baseline, latest outcome and check-ins (scoped leaders: inside their subtree)",
        params: orgParams,
        response: { 200: z.array(actionSchema), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { organizationId, teamScope } = request.organizationAccess!;
      const actions = await loadActions(app.db, organizationId);
      return actionsForLeader(new WaveTrees(app.db, organizationId), teamScope, actions);
    },
  );

  app.patch(
    '/api/actions/:actionId',
    {
      config: { access: { signedIn: true } },
      onRequest: actionAccess,
      schema: {
        tags: ['actions'],
        summary:
          'Change an action (status, note, due date, owner, title): a status or a note is kept as a dated check-in by its author',
        description:
          'Send `revision` as the action was read: if it has changed since, the answer is 409 and nothing is changed, so one leader never overwrites what another has just done unseen.',
        params: z.object({ actionId: z.uuid() }),
        body: actionChangeSchema,
        response: { 200: actionSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { revision: _, ...change } = request.body;
      if (Object.values(change).every((value) => value === undefined))
        throw invalidField('body', 'action.nothing-to-change');
      if (change.dueDate !== undefined) {
        const { waveId } = (await actionOwnership(app.db, request.params.actionId))!;
        checkDueDate(change.dueDate, (await findWave(app.db, waveId))!.closedAt!);
      }
      const done = await updateAction(
        app.db,
        app.questionnaires,
        request.params.actionId,
        request.body,
        { actor: actor(request), author: actor(request).email },
        new Date(),
      );
      // Two leaders on one action: the second, who had not seen the first's change, is told.
      if (done === 'stale') throw conflict('action.changed-meanwhile');
      return shownAction(request, request.params.actionId);
    },
  );
}
