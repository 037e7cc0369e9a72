import type { Kysely } from 'kysely';
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

export async function listAudit(db: Kysely<Database>, organizationId: string, limit = 500) {
  return db
    .selectFrom('audit_event')
    .select(['id', 'at', 'actor_email as actorEmail', 'action', 'detail'])
    .where('organization_id', '=', organizationId)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
}
