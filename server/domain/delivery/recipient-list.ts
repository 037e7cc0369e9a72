import { z } from 'zod';
import type { FieldProblem } from '../field-problem.ts';

/** Recipients of one wave at most; an upload is one request body (1 MiB of CSV). */
export const MAX_RECIPIENTS = 20_000;

export interface RawRecipientRow {
  /** What the person sees: the CSV line, or the index in a JSON list. */
  row: number;
  email: unknown;
  teamKey: unknown;
}

export interface Recipient {
  email: string;
  teamKey: string;
}

export type RecipientListResult =
  | { ok: true; recipients: Recipient[] }
  | { ok: false; errors: FieldProblem[] };

const emailSchema = z.email();

/**
 * Checks a whole recipient list and names every problem at once, by row and field, so a
 * consultant fixes a spreadsheet in one pass. Addresses compare without regard to case (mail
 * systems treat them so); a person listed twice is a mistake to show, not to merge silently,
 * since the two rows may name different teams.
 */
export function validateRecipients(
  rows: readonly RawRecipientRow[],
  waveTeamKeys: ReadonlySet<string>,
  rowLabel: (row: number) => string,
): RecipientListResult {
  const errors: FieldProblem[] = [];
  const error = (row: number, field: string, message: string) =>
    errors.push({ field: `${rowLabel(row)}: ${field}`, message });
  if (rows.length > MAX_RECIPIENTS)
    return { ok: false, errors: [{ field: 'recipients', message: `at most ${MAX_RECIPIENTS} per wave` }] };

  const recipients: Recipient[] = [];
  const rowOfEmail = new Map<string, number>();
  for (const raw of rows) {
    const email = typeof raw.email === 'string' ? raw.email.trim().toLowerCase() : '';
    const teamKey = typeof raw.teamKey === 'string' ? raw.teamKey.trim() : '';
    let ok = true;
    if (email === '') {
      error(raw.row, 'email', 'is missing');
      ok = false;
    } else if (email.length > 254 || !emailSchema.safeParse(email).success) {
      error(raw.row, 'email', 'is not an email address');
      ok = false;
    } else if (rowOfEmail.has(email)) {
      error(raw.row, 'email', `is already listed in ${rowLabel(rowOfEmail.get(email)!)}`);
      ok = false;
    } else rowOfEmail.set(email, raw.row);
    if (teamKey === '') {
      error(raw.row, 'team_key', 'is missing');
      ok = false;
    } else if (!waveTeamKeys.has(teamKey)) {
      error(raw.row, 'team_key', `"${teamKey}" is not a team of this wave`);
      ok = false;
    }
    if (ok) recipients.push({ email, teamKey });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, recipients };
}
