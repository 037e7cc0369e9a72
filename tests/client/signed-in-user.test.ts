import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppState } from '../../client/src/state/app-state.ts';

const USER = {
  id: '6f1c3a52-8d0e-4f7b-9a61-2c4e5b7d9f10',
  email: 'c@example.org',
  isAdmin: false,
  canCreateOrganizations: true,
  memberships: [],
};

type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | 'no connection';

/** The server's answers to GET /api/auth/me, one per call, the last repeated. */
function serverAnswers(...answers: Answer[]) {
  const fetch = vi.fn(async () => {
    const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
    if (answer === 'no connection') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(answer.body ?? { message: 'x' }), {
      status: answer.status,
      headers: { 'content-type': 'application/json', ...answer.headers },
    });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('who is signed in, while the server is away', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    // No spread: each wait is the shortest the rules allow.
    vi.spyOn(Math, 'random').mockReturnValue(0);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('keeps a consultant signed in through a 503, waits the Retry-After, and comes back by itself', async () => {
    const fetch = serverAnswers(
      { status: 503, body: { message: 'Service Unavailable' }, headers: { 'retry-after': '5' } },
      { status: 200, body: { user: USER } },
    );
    const { state, actions } = createAppState('en');
    await actions.loadUser();
    // Not signed out (null would send them to the sign-in page): not known yet, and saying why.
    expect(state.user.value).toBeUndefined();
    expect(state.serverAway.value).toBe(true);

    await vi.advanceTimersByTimeAsync(4_999);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(state.user.value).toEqual(USER);
    expect(state.serverAway.value).toBe(false);
  });

  it('keeps asking, less and less often but at least every minute, while the connection is lost', async () => {
    const fetch = serverAnswers('no connection');
    const { state, actions } = createAppState('en');
    await actions.loadUser();
    // Waits of 2, 4, 8, 16, 32 s, then a minute each: asked at 0, 2, 6, 14, 30, 62, 122, 182 s.
    const asked: number[] = [];
    for (let second = 0; second <= 182; second++) {
      if (fetch.mock.calls.length > asked.length) asked.push(second);
      await vi.advanceTimersByTimeAsync(1_000);
    }
    expect(asked).toEqual([0, 2, 6, 14, 30, 62, 122, 182]);
    expect(state.user.value).toBeUndefined();
    expect(state.serverAway.value).toBe(true);
  });

  it('keeps the same user when asked again and nothing changed, and takes a new right at once', async () => {
    serverAnswers(
      { status: 200, body: { user: { ...USER, canCreateOrganizations: false } } },
      { status: 200, body: { user: { ...USER, canCreateOrganizations: false } } },
      { status: 200, body: { user: USER } },
    );
    const { state, actions } = createAppState('en');
    await actions.loadUser();
    const first = state.user.value;
    // Pages load by the user: the same answer must not look like a new one to them.
    await actions.loadUser();
    expect(state.user.value).toBe(first);
    await actions.loadUser();
    expect(state.user.value).toEqual(USER);
  });

  it('asks again after a question already under way, when the tab comes back into view', async () => {
    let answerFirst = () => {};
    const held = new Promise<void>((resolve) => {
      answerFirst = resolve;
    });
    // The first question was asked before the right was given; its answer comes late.
    const answers = [{ ...USER, canCreateOrganizations: false }, USER];
    let calls = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        const user = answers[Math.min(calls, 1)];
        calls += 1;
        if (calls === 1) await held;
        return new Response(JSON.stringify({ user }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      }),
    );
    const { state, actions } = createAppState('en');
    const underWay = actions.loadUser();
    const shown = actions.recheckUser();
    answerFirst();
    await Promise.all([underWay, shown]);
    expect(calls).toBe(2);
    expect(state.user.value).toEqual(USER);
  });

  it('signs out only when the server says so (401), and then stops asking', async () => {
    const fetch = serverAnswers({ status: 401, body: { message: 'Sign in first' } });
    const { state, actions } = createAppState('en');
    await actions.loadUser();
    expect(state.user.value).toBeNull();
    expect(state.serverAway.value).toBe(false);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('stops asking once someone signs in meanwhile, and a late answer does not sign them out', async () => {
    const fetch = serverAnswers('no connection');
    const { state, actions } = createAppState('en');
    await actions.loadUser();
    actions.setUser(USER);
    expect(state.serverAway.value).toBe(false);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(state.user.value).toEqual(USER);
  });
});
