import { describe, expect, it } from 'vitest';
import { safeNextPath, signInPath } from '../../client/src/navigation/next-path.ts';

describe('the page to return to after signing in', () => {
  it('follows a path on this site, with its query and fragment', () => {
    expect(safeNextPath('/reports/8d2c?view=table#heatmap')).toBe('/reports/8d2c?view=table#heatmap');
    expect(safeNextPath('/console/abc/waves/def')).toBe('/console/abc/waves/def');
  });

  it.each([
    ['another site, protocol-relative', '//evil.example/console'],
    ['another site, absolute', 'https://evil.example/console'],
    ['a script', 'javascript:alert(1)'],
    ['a backslash a browser reads as a slash', '/\\evil.example'],
    ['a backslash further on', '/console\\..\\evil'],
    ['a tab inside the slashes', '/\t/evil.example'],
    ['a newline', '/console\n'],
    ['a relative path', 'console'],
    ['nothing', ''],
    ['the sign-in page itself', '/'],
  ])('refuses %s', (_, raw) => {
    expect(safeNextPath(raw)).toBeNull();
  });

  it('refuses nothing given', () => {
    expect(safeNextPath(null)).toBeNull();
    expect(safeNextPath(undefined)).toBeNull();
  });

  it('builds the sign-in address that comes back, and a plain one when there is nowhere safe to return', () => {
    expect(signInPath('/reports/8d2c?view=table')).toBe('/?next=%2Freports%2F8d2c%3Fview%3Dtable');
    expect(signInPath('//evil.example')).toBe('/');
    expect(safeNextPath(new URLSearchParams(signInPath('/console/a/waves/b').slice(2)).get('next'))).toBe(
      '/console/a/waves/b',
    );
  });
});
