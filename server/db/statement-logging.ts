import { type Kysely, sql } from 'kysely';
import type { Database } from './database.ts';

/**
 * Database settings that write the app's statements, with their values, into the database
 * server's own log: there a submission's answers, comment and personal code's hash stand side by
 * side with the moment they were stored, and the intake's parallel arrays pair them even within a
 * batch. The app cannot turn them off for its own statements without rights a plain role lacks,
 * so it says at start which are on (docs/anonymity.md, "What is never logged"). Each is named with
 * its value, nothing else.
 *
 * Only settings a plain role can read: which libraries are preloaded is hidden from it, so
 * `auto_explain` and `pgaudit` are found by their own settings, which exist once they are loaded.
 */
export async function statementLoggingSettings(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ name: string; setting: string }>`
    select name, setting from pg_settings
    where name in ('log_statement', 'log_min_duration_statement', 'log_min_duration_sample',
      'log_transaction_sample_rate', 'log_parameter_max_length', 'log_parameter_max_length_on_error',
      'auto_explain.log_min_duration', 'pgaudit.log')`.execute(db);
  const value = new Map(rows.map((row) => [row.name, row.setting]));
  const found: string[] = [];
  const on = (name: string, isOn: (setting: string) => boolean) => {
    const setting = value.get(name);
    if (setting !== undefined && isOn(setting)) found.push(`${name}=${setting}`);
  };
  // The app sends every value as a bind parameter: statement logging shows them only while
  // log_parameter_max_length lets it (0: none; -1, the default: all).
  if (value.get('log_parameter_max_length') !== '0') {
    on('log_statement', (setting) => setting === 'mod' || setting === 'all');
    on('log_min_duration_statement', (setting) => Number(setting) >= 0);
    on('log_min_duration_sample', (setting) => Number(setting) >= 0);
    on('log_transaction_sample_rate', (setting) => Number(setting) > 0);
  }
  // A statement that fails is logged with its values only where this allows (0, the default: none).
  on('log_parameter_max_length_on_error', (setting) => setting !== '0');
  // Loaded extensions that log statements: plans with their parameters, or an audit trail.
  on('auto_explain.log_min_duration', (setting) => Number(setting) >= 0);
  on('pgaudit.log', (setting) => setting.trim().toLowerCase() !== 'none' && setting.trim() !== '');
  return found;
}
