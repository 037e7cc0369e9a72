import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { reportSchema } from '../../../shared/contract/reports.ts';
import { type waveScheduleChangeSchema, waveSchema } from '../../../shared/contract/waves.ts';
import type { Json, Received, Sent } from '../../../shared/contract/wire.ts';

// The client's types are these, so what they say must be what JSON carries: `npm run typecheck`
// checks the type assertions, and the runtime assertions show the same on a real value.
describe('wire types', () => {
  it('types a date as the ISO string JSON makes of it, at any depth', () => {
    expectTypeOf<Json<Date>>().toEqualTypeOf<string>();
    expectTypeOf<Json<{ at: Date | null; list: { at: Date }[] }>>().toEqualTypeOf<{
      at: string | null;
      list: { at: string }[];
    }>();
    const wave = waveSchema.parse({
      id: '7b4d2c1e-3f5a-4b6c-8d9e-0a1b2c3d4e5f',
      organizationId: '1b4d2c1e-3f5a-4b6c-8d9e-0a1b2c3d4e5f',
      title: 'Spring',
      questionnaire: { key: 'q', version: '1.0.0' },
      status: 'open',
      closesAt: new Date('2026-05-01T12:00:00Z'),
      openedAt: null,
      closedAt: null,
      createdAt: new Date('2026-04-01T08:00:00Z'),
      opensAt: null,
      reminderDays: [3],
      remindersSent: 0,
      locale: 'en',
    });
    const received: Received<typeof waveSchema> = JSON.parse(JSON.stringify(wave));
    expect(received.closesAt).toBe('2026-05-01T12:00:00.000Z');
    expectTypeOf(received.closesAt).toEqualTypeOf<string | null>();
  });

  it('keeps tuples, optional fields and literal unions as the schema has them', () => {
    type Report = Received<typeof reportSchema>;
    type Cell = NonNullable<Report['organization']['dimensions'][string]>;
    expectTypeOf<Cell['ci95']>().toEqualTypeOf<[number, number]>();
    expectTypeOf<Cell['trend']>().toEqualTypeOf<
      { previousScore: number; change: number; significant: boolean } | undefined
    >();
    expectTypeOf<Report['wave']['status']>().toEqualTypeOf<'draft' | 'open' | 'closed'>();
    expectTypeOf<Report['wave']['closedAt']>().toEqualTypeOf<string | null>();
  });

  it('types what a client sends as the schema takes it in, before defaults and transforms', () => {
    const withDefault = z.object({ k: z.number().default(5) });
    expectTypeOf<Sent<typeof withDefault>>().toEqualTypeOf<{ k?: number | undefined }>();
    expectTypeOf<Sent<typeof waveScheduleChangeSchema>['opensAt']>().toEqualTypeOf<
      string | null | undefined
    >();
  });
});
