import { randomUUID } from 'node:crypto';
import type { TestApp } from './app.ts';
import { call, setUpAssessment, someAnswers } from './assessment.ts';
import { createAccount, signIn } from './auth.ts';
import { dayFromToday } from './dates.ts';

/** A route's entry in the OpenAPI document, as far as walking every route reads it. */
export interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
}

/** One route of the API: `POST /api/waves/{waveId}/close`, say, with its OpenAPI entry. */
export interface ApiRoute {
  route: string;
  method: string;
  path: string;
  operation: Operation;
}

/** A time a wave may open or close at, whenever the tests run. */
const aYearAhead = new Date(Date.now() + 365 * 86_400_000).toISOString();

/**
 * A body each route takes, to start from: with one or more of its fields replaced by an `edge`
 * value, a draw gets past validation often and reaches what the handler does with the value.
 */
const exampleBodies: Record<string, Record<string, unknown>> = {
  'POST /api/auth/login': { email: 'admin@example.org', password: 'not the password' },
  'POST /api/auth/accept-invite': { token: 'x'.repeat(43), password: 'a long enough password' },
  'PATCH /api/accounts/{userId}': { canCreateOrganizations: true },
  'POST /api/organizations': { name: 'Client', anonymityThreshold: 5 },
  'POST /api/organizations/{orgId}/members': { email: 'lead@example.org', role: 'leader', teamKey: 'eng' },
  // Every team stays: they all take part in the open wave, whose teams an import may not remove.
  'PUT /api/organizations/{orgId}/teams': {
    teams: [
      { key: 'ops', name: 'Operations', parentKey: null, headcount: 40 },
      { key: 'eng', name: 'Engineering', parentKey: null, headcount: null },
      { key: 'eng-platform', name: 'Platform', parentKey: 'eng', headcount: 12 },
      { key: 'eng-apps', name: 'Applications', parentKey: 'eng', headcount: 14 },
      { key: 'sales', name: 'Sales', parentKey: null, headcount: 8 },
    ],
  },
  'POST /api/organizations/{orgId}/teams/preview': {
    teams: [{ key: 'ops', name: 'Operations', parentKey: null, headcount: 40 }],
  },
  'POST /api/organizations/{orgId}/waves': {
    title: 'Spring pulse',
    questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
    teamKeys: ['ops'],
    closesAt: aYearAhead,
  },
  'PATCH /api/waves/{waveId}': { opensAt: aYearAhead, reminderDays: [3], locale: 'en' },
  'POST /api/waves/{waveId}/invitations': { teamKey: 'ops', count: 2 },
  'PUT /api/waves/{waveId}/recipients': { recipients: [{ email: 'a@example.org', teamKey: 'ops' }] },
  'PUT /api/waves/{waveId}/teams/{teamKey}': { personalCodes: true },
  'POST /api/participate/{code}/invitation': { invitation: 'ABCD-EFGH-JKLM' },
  'POST /api/participate/{code}/responses': {
    submissionId: randomUUID(),
    answers: someAnswers(4),
    comment: 'Fine',
    invitation: null,
  },
  'POST /api/waves/{waveId}/actions': {
    teamKey: 'ops',
    dimension: 'ownership',
    title: 'Name an owner',
    owner: 'Lead',
    dueDate: dayFromToday(60),
    steps: ['One step'],
  },
  'PATCH /api/actions/{actionId}': { status: 'in-progress', note: 'Started', owner: 'Lead' },
};

/** The wave a route's example is meant for: the closed one, a draft, or else the open one. */
const closedWaveRoutes = /\/(report|report\.csv|actions|share)$/;
const draftWaveRoutes = new Set(['PATCH /api/waves/{waveId}']);

/**
 * An organization in which every route of the API has something to act on (a closed wave with an
 * action and shared results, an open wave with personal codes on one team, a draft, a member, a
 * second account), an administrator's session, who passes every route's access check, and every
 * route of the OpenAPI document. Opening and closing a wave, replacing the teams and deleting come
 * last in `routes`, since they change what the others act on.
 */
export async function everyRoute(test: TestApp) {
  const examples = structuredClone(exampleBodies);
  const a = await setUpAssessment(test);
  for (let i = 0; i < 3; i++)
    await test.app.inject({
      method: 'POST',
      url: `/api/participate/${a.codes.ops}/responses`,
      payload: { submissionId: randomUUID(), answers: someAnswers(2 + i) },
    });
  await call(test.app, a.consultant, 'POST', `/api/waves/${a.waveId}/close`);
  const action = await call(test.app, a.consultant, 'POST', `/api/waves/${a.waveId}/actions`, {
    teamKey: 'ops',
    dimension: 'ownership',
    title: 'Name an owner for every next step',
    owner: 'Head of operations',
    dueDate: dayFromToday(60),
  });
  const shared = await call(test.app, a.consultant, 'POST', `/api/waves/${a.waveId}/share`, {});
  const newWave = () =>
    call(test.app, a.consultant, 'POST', `/api/organizations/${a.orgId}/waves`, {
      title: 'Winter pulse',
      questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
    });
  const open = await newWave();
  await call(test.app, a.consultant, 'POST', `/api/waves/${open.id}/open`);
  await call(test.app, a.consultant, 'PUT', `/api/waves/${open.id}/teams/ops`, { personalCodes: true });
  const details = await call(test.app, a.consultant, 'GET', `/api/waves/${open.id}`);
  const issued = await call(test.app, a.consultant, 'POST', `/api/waves/${open.id}/invitations`, {
    teamKey: 'ops',
    count: 1,
  });
  examples['POST /api/participate/{code}/invitation']!.invitation = issued.codes[0];
  const linkOf = (team: string) =>
    details.links.find((l: { teamKey: string }) => l.teamKey === team).code as string;
  const draft = await newWave();
  const db = test.handle.db;
  await createAccount(db, { email: 'admin@example.org', role: 'admin' });
  const other = await createAccount(db, { email: 'someone@example.org', role: 'consultant' });
  const admin = await signIn(test.app, 'admin@example.org');
  const member = await call(test.app, a.consultant, 'POST', `/api/organizations/${a.orgId}/members`, {
    email: 'leader@example.org',
    role: 'leader',
  });
  const params: Record<string, string> = {
    orgId: a.orgId,
    closedWaveId: a.waveId,
    openWaveId: open.id,
    draftWaveId: draft.id,
    actionId: action.id,
    userId: other.id,
    memberId: member.member.id,
    code: linkOf('eng'),
    // A link whose team answers with personal codes.
    personalCodeLink: linkOf('ops'),
    teamKey: 'ops',
    key: 'trust-os-pulse',
    version: '1.0.0',
    token: shared.links[0].url.split('/r/')[1],
  };
  const document: { paths: Record<string, Record<string, Operation>> } = (
    await test.app.inject('/api/openapi.json')
  ).json();
  const last = (route: ApiRoute) =>
    Number(
      route.method === 'delete' ||
        /^\/api\/(waves\/\{waveId\}\/(open|close)|organizations\/\{orgId\}\/teams)$/.test(route.path),
    );
  const routes: ApiRoute[] = Object.entries(document.paths)
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        route: `${method.toUpperCase()} ${path}`,
        method,
        path,
        operation,
      })),
    )
    .sort((a, b) => last(a) - last(b));

  /** The value of a path parameter that reaches what the route does. */
  const validParam = (route: string, name: string) =>
    name === 'waveId'
      ? closedWaveRoutes.test(route)
        ? params.closedWaveId!
        : draftWaveRoutes.has(route)
          ? params.draftWaveId!
          : params.openWaveId!
      : name === 'code' && route.endsWith('/invitation')
        ? params.personalCodeLink!
        : (params[name] ?? 'x');

  /** The route's path with the parameters that reach what it does. */
  const validUrl = (route: ApiRoute) =>
    route.path.replace(/\{(\w+)\}/g, (_, name: string) => validParam(route.route, name));

  return { admin, params, examples, routes, validParam, validUrl };
}
