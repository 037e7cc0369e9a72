import { describe, expect, it } from 'vitest';
import { MAX_RECIPIENTS, validateRecipients } from '../../../../server/domain/delivery/recipient-list.ts';

const teams = new Set(['ops', 'sales']);
const label = (row: number) => `row ${row}`;
/** A problem as the list names it: its English, and the code and values a page translates. */
const problem = (
  field: string,
  message: string,
  code: string,
  params: Record<string, string | number> = {},
) => ({
  field,
  message,
  code,
  params,
});

describe('a wave recipient list', () => {
  it('takes addresses in any case and spacing, stored in lower case', () => {
    const result = validateRecipients(
      [
        { row: 2, email: ' Ana.Lopez@Example.ORG ', teamKey: 'ops' },
        { row: 3, email: 'bo@example.org', teamKey: ' sales ' },
      ],
      teams,
      label,
    );
    expect(result).toEqual({
      ok: true,
      recipients: [
        { email: 'ana.lopez@example.org', teamKey: 'ops' },
        { email: 'bo@example.org', teamKey: 'sales' },
      ],
    });
  });

  it('names every problem by row and field, all at once', () => {
    const result = validateRecipients(
      [
        { row: 2, email: 'ana@example.org', teamKey: 'ops' },
        { row: 3, email: 'ANA@example.org', teamKey: 'sales' },
        { row: 4, email: 'no at sign', teamKey: 'ops' },
        { row: 5, email: '', teamKey: '' },
        { row: 6, email: 'cy@example.org', teamKey: 'finance' },
        { row: 7, email: 42, teamKey: 'ops' },
      ],
      teams,
      label,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      // The earlier row goes as a number, for each language to word: no English "row" in a param.
      problem('row 3: email', 'is already listed in row 2', 'delivery.email-repeated', { row: 2 }),
      problem('row 4: email', 'is not an email address', 'delivery.email-invalid'),
      problem('row 5: email', 'is missing', 'delivery.column-missing'),
      problem('row 5: team_key', 'is missing', 'delivery.column-missing'),
      problem('row 6: team_key', '"finance" is not a team of this wave', 'delivery.team-not-in-wave', {
        team: 'finance',
      }),
      problem('row 7: email', 'is missing', 'delivery.column-missing'),
    ]);
  });

  it('refuses more recipients than a wave takes', () => {
    const rows = Array.from({ length: MAX_RECIPIENTS + 1 }, (_, i) => ({
      row: i,
      email: `p${i}@example.org`,
      teamKey: 'ops',
    }));
    const result = validateRecipients(rows, teams, label);
    expect(!result.ok && result.errors[0]!.field).toBe('recipients');
  });

  it('may be empty, which removes everyone', () => {
    expect(validateRecipients([], teams, label)).toEqual({ ok: true, recipients: [] });
  });
});
