/**
 * A JSON column's value as read: PostgreSQL's driver parses `json` columns, the embedded database
 * may hand back their text.
 */
export const fromJson = <T>(value: unknown): T =>
  (typeof value === 'string' ? JSON.parse(value) : value) as T;
