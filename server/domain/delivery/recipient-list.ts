import { z } from 'zod';
import { type FieldProblem, fieldProblem } from '../field-problem.ts';

/** Recipients of one wave at most; an upload is one request body (1 MiB of CSV). */
export const MAX_RECIPIENTS = 20_000;

export interface RawRecipientRow {
  /** What the person sees: the CSV line, or the place in a JSON list counted from 1. */
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
  const at = (row: number, field: string) => `${rowLabel(row)}: ${field}`;
  if (rows.length > MAX_RECIPIENTS)
    return {
      ok: false,
      errors: [fieldProblem('recipients', 'delivery.too-many-recipients', { max: MAX_RECIPIENTS })],
    };

  const recipients: Recipient[] = [];
  const rowOfEmail = new Map<string, number>();
  for (const raw of rows) {
    const email = typeof raw.email === 'string' ? raw.email.trim().toLowerCase() : '';
    const teamKey = typeof raw.teamKey === 'string' ? raw.teamKey.trim() : '';
    let ok = true;
    if (email === '') {
      errors.push(fieldProblem(at(raw.row, 'email'), 'delivery.column-missing'));
      ok = false;
    } else if (email.length > 254 || !emailSchema.safeParse(email).success) {
      errors.push(fieldProblem(at(raw.row, 'email'), 'delivery.email-invalid'));
      ok = false;
    } else if (rowOfEmail.has(email)) {
      errors.push(
        // The earlier row as a number, which each language words itself ("ligne 2", "Zeile 2").
        fieldProblem(at(raw.row, 'email'), 'delivery.email-repeated', { row: rowOfEmail.get(email)! }),
      );
      ok = false;
    } else rowOfEmail.set(email, raw.row);
    if (teamKey === '') {
      errors.push(fieldProblem(at(raw.row, 'team_key'), 'delivery.column-missing'));
      ok = false;
    } else if (!waveTeamKeys.has(teamKey)) {
      errors.push(fieldProblem(at(raw.row, 'team_key'), 'delivery.team-not-in-wave', { team: teamKey }));
      ok = false;
    }
    if (ok) recipients.push({ email, teamKey });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, recipients };
}
