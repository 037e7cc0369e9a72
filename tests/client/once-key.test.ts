import { describe, expect, it } from 'vitest';
import { OnceKey } from '../../client/src/api.ts';

describe("a create form's Idempotency-Key", () => {
  it('stays the same while the form sends the same thing, so a second press gets the first answer', () => {
    const once = new OnceKey();
    const key = once.keyFor('/api/waves', { title: 'Spring pulse' });
    expect(key).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(once.keyFor('/api/waves', { title: 'Spring pulse' })).toBe(key);
  });

  it('changes when the form sends something else, or elsewhere, or once the thing was created', () => {
    const once = new OnceKey();
    const here = once.keyFor('/api/organizations/a/waves', { title: 'Spring pulse' });
    expect(once.keyFor('/api/organizations/b/waves', { title: 'Spring pulse' })).not.toBe(here);
    const first = once.keyFor('/api/waves', { title: 'Spring pulse' });
    const edited = once.keyFor('/api/waves', { title: 'Summer pulse' });
    expect(edited).not.toBe(first);
    once.done();
    expect(once.keyFor('/api/waves', { title: 'Summer pulse' })).not.toBe(edited);
  });

  it('is new for each form', () => {
    expect(new OnceKey().keyFor('/a', {})).not.toBe(new OnceKey().keyFor('/a', {}));
  });
});
