import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findWave } from '../../../server/db/waves.ts';
import { openWave, WaveStateError } from '../../../server/waves/wave-lifecycle.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call, setUpAssessment } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';

describe.each(testDatabases())('a scheduled opening, on $name', (database) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(database);
  });
  afterAll(() => test?.close());

  it('does not go ahead once the consultant has put it off or cleared it', async () => {
    const { waveId, consultant } = await setUpAssessment(test, { open: false });
    const soon = new Date(Date.now() + 3_600_000);
    await call(test.app, consultant, 'PATCH', `/api/waves/${waveId}`, { opensAt: soon.toISOString() });
    // The schedule found it due at `soon`; meanwhile the consultant cleared the opening.
    await call(test.app, consultant, 'PATCH', `/api/waves/${waveId}`, { opensAt: null });
    await expect(openWave(test.handle.db, waveId, null, soon, true)).rejects.toBeInstanceOf(WaveStateError);
    expect((await findWave(test.handle.db, waveId))!.status).toBe('draft');
    // Put off by a day instead: not at `soon` either, but at its new time.
    const later = new Date(soon.getTime() + 86_400_000);
    await call(test.app, consultant, 'PATCH', `/api/waves/${waveId}`, { opensAt: later.toISOString() });
    await expect(openWave(test.handle.db, waveId, null, soon, true)).rejects.toBeInstanceOf(WaveStateError);
    expect((await openWave(test.handle.db, waveId, null, later, true)).status).toBe('open');
  });
});
