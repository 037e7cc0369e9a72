import { describe, expect, it } from 'vitest';
import { redactPath } from '../../../server/http/log-serializers.ts';

describe('redactPath (A2)', () => {
  it.each([
    ['/api/participate/Zx8c-4kL2pQ9rT6vW1yB3d/responses', '/api/participate/:redacted/responses'],
    ['/s/Zx8c-4kL2pQ9rT6vW1yB3d?locale=es', '/s/:redacted'],
    ['/invite/abcdefabcdefabcdefabcdef', '/invite/:redacted'],
    ['/some/new/route/AAAAAAAAAAAAAAAAAAAAAAAAAAAA', '/some/new/route/:redacted'],
    ['/api/organizations/3f1c/teams', '/api/organizations/3f1c/teams'],
  ])('%s → %s', (url, expected) => {
    expect(redactPath(url)).toBe(expected);
  });
});
