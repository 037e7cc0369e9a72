import { type Kysely, sql } from 'kysely';
import type { Database } from './database.ts';

/**
 * Database settings that write the app's statements, with their values, into the database
 * server's own log: there a submission's answers, comment and personal code's hash stand side by
 * side with the moment they were stored, and the intake's parallel arrays pair them even within a
 * batch. The app cannot turn them off for its own statements without rights a plain role lacks,
 * so it says at start which are on (docs/anonymity.md, "What is never logged"). Each is named with
 * its value, nothing else.
 */
export async function statementLoggingSettings(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ name: string; setting: string }>`
    select name, setting from pg_settings
    where name in ('log_statement', 'log_min_duration_statement', 'log_min_duration_sample',
      'log_parameter_max_length', 'shared_preload_libraries', 'session_preload_libraries')`.execute(db);
  const value = new Map(rows.map((row) => [row.name, row.setting]));
  const found: string[] = [];
  // 'mod' and 'all' log inserts; 'ddl' and 'none' do not.
  const statement = value.get('log_statement');
  if (statement === 'mod' || statement === 'all') found.push(`log_statement=${statement}`);
  for (const name of ['log_min_duration_statement', 'log_min_duration_sample']) {
    const setting = value.get(name);
    // -1 is off; any other threshold logs the statements slower than it, with their values
    // (unless values are cut to nothing).
    if (setting !== undefined && Number(setting) >= 0 && value.get('log_parameter_max_length') !== '0')
      found.push(`${name}=${setting}`);
  }
  for (const name of ['shared_preload_libraries', 'session_preload_libraries']) {
    const libraries = (value.get(name) ?? '').split(',').map((library) => library.trim());
    for (const library of ['auto_explain', 'pgaudit'])
      if (libraries.includes(library)) found.push(`${name} includes ${library}`);
  }
  return found;
}
