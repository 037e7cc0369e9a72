import { type Kysely, sql } from 'kysely';
import type { Database } from './database.ts';

export interface AuditEntry {
  organizationId: string | null;
  actor: { userId: string; email: string } | null;
  /** What happened, as `area.verb`: `auth.login`, `member.add`, `wave.open`, `report.export`… */
  action: string;
  /** Names and ids of what changed. Never anything about respondents. */
  detail?: Record<string, unknown>;
}

export async function audit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({
      organization_id: entry.organizationId,
      actor_user_id: entry.actor?.userId ?? null,
      actor_email: entry.actor?.email ?? null,
      action: entry.action,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}

/**
 * The organization's log, newest first, with the title of the wave an entry names (a sentence
 * says "opened the wave Spring pulse", not an id), as the wave is titled now.
 */
export async function listAudit(db: Kysely<Database>, organizationId: string, limit = 500) {
  return db
    .selectFrom('audit_event')
    .leftJoin('wave', (join) =>
      join
        .onRef('wave.organization_id', '=', 'audit_event.organization_id')
        .on(sql<boolean>`wave.id::text = audit_event.detail->>'waveId'`),
    )
    .select([
      'audit_event.id',
      'audit_event.at',
      'audit_event.actor_email as actorEmail',
      'audit_event.action',
      'audit_event.detail',
      'wave.title as waveTitle',
    ])
    .where('audit_event.organization_id', '=', organizationId)
    .orderBy('audit_event.at', 'desc')
    .limit(limit)
    .execute();
}
