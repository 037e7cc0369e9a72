import { afterEach, describe, expect, it } from 'vitest';
import { isOverdue, localDay, mayActOn } from '../../client/src/pages/actions/action-types.ts';
import type { User } from '../../shared/contract/auth.ts';

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe("an action's days, on the reader's calendar", () => {
  it('names the day it is where the reader is, not in Greenwich', () => {
    const evening = new Date('2026-11-30T02:00:00Z');
    process.env.TZ = 'America/New_York';
    expect(localDay(evening)).toBe('2026-11-29');
    process.env.TZ = 'Australia/Sydney';
    expect(localDay(evening)).toBe('2026-11-30');
    expect(localDay(new Date('2026-11-29T20:00:00Z'))).toBe('2026-11-30');
  });

  it('counts days ahead across a month and a clock change', () => {
    process.env.TZ = 'Europe/Berlin';
    expect(localDay(new Date('2026-10-20T12:00:00Z'), 60)).toBe('2026-12-19');
    expect(localDay(new Date('2026-03-28T23:30:00Z'), 1)).toBe('2026-03-30');
  });

  it('calls an action due today in New York at 9 pm on time, and one due yesterday overdue', () => {
    process.env.TZ = 'America/New_York';
    const nine = localDay(new Date('2026-11-30T02:00:00Z'));
    expect(isOverdue({ dueDate: '2026-11-29', status: 'planned' }, nine)).toBe(false);
    expect(isOverdue({ dueDate: '2026-11-28', status: 'in-progress' }, nine)).toBe(true);
    expect(isOverdue({ dueDate: '2026-11-28', status: 'done' }, nine)).toBe(false);
  });
});

describe('who may act on an action', () => {
  const user = (role: 'consultant' | 'leader', teamKey: string | null, isAdmin = false): User => ({
    id: '00000000-0000-4000-8000-000000000001',
    email: 'someone@example.org',
    isAdmin,
    canCreateOrganizations: false,
    memberships: [{ organizationId: 'org', organizationName: 'Org', role, teamKey }],
  });
  it("leaves a leader limited to a subtree the organization's actions to read, not to change", () => {
    expect(mayActOn(user('leader', 'eng'), 'org', null)).toBe(false);
    expect(mayActOn(user('leader', 'eng'), 'org', 'eng-apps')).toBe(true);
    expect(mayActOn(user('leader', null), 'org', null)).toBe(true);
    expect(mayActOn(user('consultant', null), 'org', null)).toBe(true);
    expect(mayActOn(user('leader', 'eng', true), 'org', null)).toBe(true);
  });
});
