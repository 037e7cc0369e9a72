import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../client/src/api.ts';
import { moveWave } from '../../client/src/pages/console/wave-page.tsx';

/** The server answers the open or close with `status` and `body`. */
function serverAnswers(status: number, body: unknown) {
  const fetch = vi.fn(
    async () =>
      new Response(status === 204 ? null : JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const page = () => ({ reload: vi.fn(async () => {}), refresh: vi.fn(async () => {}) });

describe('opening or closing a wave from its page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the wave as it now is after moving it on', async () => {
    const fetch = serverAnswers(204, null);
    const look = page();
    await moveWave('w1', 'close', look);
    expect(fetch).toHaveBeenCalledWith('/api/waves/w1/close', expect.objectContaining({ method: 'POST' }));
    expect(look.reload).toHaveBeenCalledTimes(1);
  });

  it('shows it as it now is after a refusal because it had moved meanwhile, and still says why', async () => {
    // Another consultant, or the schedule, opened it while this page still offered "Open".
    serverAnswers(409, {
      statusCode: 409,
      code: 'wave.wrong-step',
      params: { status: 'open' },
      message: 'This wave is open: that step is not possible now.',
    });
    const look = page();
    const refused = await moveWave('w1', 'open', look).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('wave.wrong-step');
    // Quietly: a look that fails then keeps the page and the reason on screen.
    expect(look.refresh).toHaveBeenCalledTimes(1);
    expect(look.reload).not.toHaveBeenCalled();
  });

  it('does not look again when the server refused for another reason; nothing moved', async () => {
    serverAnswers(403, { statusCode: 403, code: 'auth.role-not-allowed', message: 'Not for leaders' });
    const look = page();
    await expect(moveWave('w1', 'open', look)).rejects.toBeInstanceOf(ApiError);
    expect(look.refresh).not.toHaveBeenCalled();
    expect(look.reload).not.toHaveBeenCalled();
  });
});
