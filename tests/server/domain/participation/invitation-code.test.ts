import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET,
  formatInvitationCode,
  normalizeInvitationCode,
} from '../../../../server/domain/participation/invitation-code.ts';
import { newInvitationCode } from '../../../../server/waves/invitation-codes.ts';

const symbols = fc.array(fc.integer({ min: 0, max: 31 }), { minLength: 28, maxLength: 28 });

describe('personal invitation codes', () => {
  it('are 28 symbols of a readable alphabet in groups of four: 140 bits', () => {
    const code = newInvitationCode();
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(CODE_ALPHABET).not.toMatch(/[ILOU]/);
    expect(28 * Math.log2(CODE_ALPHABET.length)).toBeGreaterThanOrEqual(128);
    expect(new Set(Array.from({ length: 200 }, newInvitationCode)).size).toBe(200);
  });

  it('read the same however they are typed: case, spaces, hyphens, O for 0, I or L for 1', () => {
    fc.assert(
      fc.property(symbols, fc.boolean(), fc.constantFrom('-', ' ', '', '  '), (values, lower, separator) => {
        const code = formatInvitationCode(values);
        let typed = code
          .replaceAll('-', separator)
          .replaceAll('0', 'O')
          .replaceAll('1', lower ? 'l' : 'I');
        if (lower) typed = typed.toLowerCase();
        expect(normalizeInvitationCode(`  ${typed} `)).toBe(code);
      }),
      { numRuns: 300 },
    );
  });

  it('keep codes of the earlier format exactly as typed, since those were case-sensitive', () => {
    expect(normalizeInvitationCode(' aB3_x-Yz09QwErTyUiOpAs ')).toBe('aB3_x-Yz09QwErTyUiOpAs');
    // A typo that makes a code too short is not "corrected" into some other code.
    expect(normalizeInvitationCode('ABCD-EFGH')).toBe('ABCD-EFGH');
  });
});
