import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { hashPassword } from '../accounts/passwords.ts';
import { createDemoActions } from '../actions/demo-actions.ts';
import { addMembership, createUser, findUserByEmail } from '../db/accounts.ts';
import type { Database } from '../db/database.ts';
import { createOrganization, listTeams, replaceTeams } from '../db/organizations.ts';
import { insertResponses } from '../db/responses.ts';
import type { TeamInput } from '../domain/hierarchy/team-import.ts';
import type { QuestionnaireCatalog } from '../questionnaires/catalog.ts';
import { closeWave, createWave, openWave } from '../waves/wave-lifecycle.ts';
import { seededRandom } from './random.ts';
import { generateResponses, type SyntheticTeam } from './synthetic-responses.ts';

// A team's headcount is its own members, not counting its sub-teams' (as the console says):
// the managers of a department, a handful, beside the teams under them.
const teams: (TeamInput & { respondents: number; pulse: number; climate: number })[] = [
  { key: 'ops', name: 'Operations', parentKey: null, headcount: 5, respondents: 3, pulse: 2, climate: 0 },
  {
    key: 'ops-warehouse',
    name: 'Warehouse',
    parentKey: 'ops',
    headcount: 34,
    respondents: 26,
    pulse: 22,
    climate: -0.45,
  },
  {
    key: 'ops-fleet',
    name: 'Fleet',
    parentKey: 'ops',
    headcount: 22,
    respondents: 18,
    pulse: 15,
    climate: -0.1,
  },
  {
    key: 'ops-planning',
    name: 'Planning',
    parentKey: 'ops',
    headcount: 6,
    respondents: 4,
    pulse: 3,
    climate: 0.2,
  },
  { key: 'eng', name: 'Engineering', parentKey: null, headcount: 6, respondents: 4, pulse: 3, climate: 0.1 },
  {
    key: 'eng-platform',
    name: 'Platform',
    parentKey: 'eng',
    headcount: 14,
    respondents: 12,
    pulse: 11,
    climate: 0.45,
  },
  {
    key: 'eng-apps',
    name: 'Applications',
    parentKey: 'eng',
    headcount: 16,
    respondents: 14,
    pulse: 12,
    climate: -0.3,
  },
  {
    key: 'eng-apps-mobile',
    name: 'Mobile',
    parentKey: 'eng-apps',
    headcount: 8,
    respondents: 6,
    pulse: 6,
    climate: -0.5,
  },
  {
    key: 'eng-apps-web',
    name: 'Web',
    parentKey: 'eng-apps',
    headcount: 4,
    respondents: 3,
    pulse: 2,
    climate: 0,
  },
  { key: 'eng-data', name: 'Data', parentKey: 'eng', headcount: 11, respondents: 9, pulse: 8, climate: 0.2 },
  { key: 'sales', name: 'Sales', parentKey: null, headcount: 5, respondents: 2, pulse: 2, climate: 0 },
  {
    key: 'sales-north',
    name: 'Sales North',
    parentKey: 'sales',
    headcount: 13,
    respondents: 11,
    pulse: 10,
    climate: 0.3,
  },
  {
    key: 'sales-south',
    name: 'Sales South',
    parentKey: 'sales',
    headcount: 5,
    respondents: 2,
    pulse: 2,
    climate: -0.2,
  },
  {
    key: 'people',
    name: 'People & Finance',
    parentKey: null,
    headcount: 5,
    respondents: 1,
    pulse: 1,
    climate: 0.1,
  },
  {
    key: 'people-hr',
    name: 'People',
    parentKey: 'people',
    headcount: 8,
    respondents: 7,
    pulse: 6,
    climate: 0.25,
  },
  {
    key: 'people-finance',
    name: 'Finance',
    parentKey: 'people',
    headcount: 7,
    respondents: 6,
    pulse: 5,
    climate: -0.15,
  },
];

const comments = [
  'Decisions made on Monday are often reopened by Thursday when someone senior was not in the room.',
  'We wait for sign-off on things we are supposed to own.',
  'After a mistake the first question is who, not what happened.',
  'Priorities change every week, so agreed work quietly drops off.',
  'My manager backs us when we take a reasonable call.',
  'Nobody writes down who owns the next step, so it falls between teams.',
  'Planning meetings end with everyone understanding something different.',
  'It is easier to escalate than to decide, because escalating is never punished.',
  'When we raise a risk early it is taken seriously and we get help.',
  'Too many people need to be consulted before anything moves.',
  'The team delivers well once a decision is stable.',
  'We spend more time chasing updates than doing the work.',
];

export interface DemoAccounts {
  organizationId: string;
  consultant: { email: string; password: string };
  leader: { email: string; password: string };
}

const password = () => randomBytes(12).toString('base64url');
const CONSULTANT_EMAIL = 'consultant@demo.trust-os.test';

/**
 * A demo client: a three-level hierarchy of 16 teams (some smaller than the threshold), a
 * closed diagnostic wave with actions on its hotspots, a later closed pulse that measures them,
 * and one consultant and one leader account.
 */
export async function createDemo(
  db: Kysely<Database>,
  catalog: QuestionnaireCatalog,
  seed = 2026,
): Promise<DemoAccounts> {
  const random = seededRandom(seed);
  const organization = await db.transaction().execute(async (trx) => {
    const created = await createOrganization(trx, {
      name: 'Northwind Logistics (demo)',
      anonymityThreshold: 5,
    });
    await replaceTeams(trx, created.id, teams);
    return created;
  });
  const teamIds = new Map((await listTeams(db, organization.id)).map((t) => [t.key, t.id]));

  const waves = [
    {
      key: 'trust-os-diagnostic',
      title: 'Trust diagnostic, spring',
      daysAgo: 120,
      size: (t: (typeof teams)[number]) => t.respondents,
      shift: 0,
    },
    {
      key: 'trust-os-pulse',
      title: 'Trust pulse, autumn',
      daysAgo: 14,
      size: (t: (typeof teams)[number]) => t.pulse,
      shift: 0.15,
    },
  ];
  for (const plan of waves) {
    const definition = catalog.latest(plan.key)!;
    const wave = await createWave(
      db,
      {
        organizationId: organization.id,
        title: plan.title,
        questionnaireKey: definition.key,
        questionnaireVersion: definition.version,
        closesAt: null,
        teamIds: [...teamIds.values()],
      },
      null,
    );
    // The demo's waves ran weeks ago: dated back so trends compare them in order.
    const createdAt = new Date(Date.now() - plan.daysAgo * 24 * 3_600_000);
    await db.updateTable('wave').set({ created_at: createdAt }).where('id', '=', wave.id).execute();
    await openWave(db, wave.id, null, createdAt);
    const synthetic: SyntheticTeam[] = teams.map((t) => ({
      key: t.key,
      respondents: plan.size(t),
      climate: t.climate + plan.shift,
    }));
    const responses = generateResponses({
      random,
      teams: synthetic,
      items: definition.items,
      dimensions: definition.dimensions,
      baseline: {
        'decision-stability': 3.1,
        ownership: 3.4,
        authority: 3.0,
        'psychological-safety': 3.6,
        execution: 3.2,
      },
      comments,
      commentRate: 0.2,
    });
    await insertResponses(
      db,
      { id: wave.id, questionnaireVersion: `${definition.key}@${definition.version}` },
      definition.items,
      teamIds,
      responses,
    );
    const closedAt = new Date(createdAt.getTime() + 14 * 24 * 3_600_000);
    const closed = await closeWave(db, catalog, wave.id, null, closedAt);
    // Between the two closes, as leaders would: the second close measures what they committed to.
    if (plan === waves[0]) await createDemoActions(db, catalog, closed, CONSULTANT_EMAIL);
  }

  const accounts = {
    consultant: { email: CONSULTANT_EMAIL, password: password() },
    leader: { email: 'leader@demo.trust-os.test', password: password() },
  };
  for (const [role, account] of [
    ['consultant', accounts.consultant],
    ['leader', accounts.leader],
  ] as const) {
    const existing = await findUserByEmail(db, account.email);
    const user =
      existing ??
      (await createUser(db, {
        email: account.email,
        passwordHash: await hashPassword(account.password),
        canCreateOrganizations: role === 'consultant',
      }));
    if (existing) account.password = '(unchanged: this account existed already)';
    await addMembership(db, { userId: user.id, organizationId: organization.id, role, teamKey: null });
  }
  return { organizationId: organization.id, ...accounts };
}

export function describeDemo(accounts: DemoAccounts): string {
  return [
    '',
    'A demo organization was created: Northwind Logistics (demo), with two closed waves and the actions between them.',
    'Sign in to explore it (these passwords are shown only now):',
    `  consultant  ${accounts.consultant.email}  ${accounts.consultant.password}`,
    `  leader      ${accounts.leader.email}  ${accounts.leader.password}`,
    'Set DEMO=false to start without it.',
    '',
  ].join('\n');
}

/** On an empty database only: a fresh installation shows something real at once. */
export async function createDemoIfEmpty(
  db: Kysely<Database>,
  catalog: QuestionnaireCatalog,
): Promise<DemoAccounts | null> {
  const any = await db.selectFrom('organization').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  return createDemo(db, catalog);
}
