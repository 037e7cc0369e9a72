import type { ColumnType, Generated, JSONColumnType } from 'kysely';

export interface AppUserTable {
  id: Generated<string>;
  email: string;
  password_hash: string | null;
  is_admin: Generated<boolean>;
  /** Granted and revoked by an administrator; never a side effect of a membership. */
  can_create_organizations: Generated<boolean>;
  created_at: Generated<Date>;
}

export type MembershipRole = 'consultant' | 'leader';

export interface MembershipTable {
  /** How an organization names its member, so it never learns the account's id. */
  id: Generated<string>;
  user_id: string;
  organization_id: string;
  role: MembershipRole;
  team_key: string | null;
  created_at: Generated<Date>;
  /** Null while invited: a membership grants access only once its invitation is accepted. */
  accepted_at: Date | null;
}

export interface SessionTable {
  id_hash: string;
  user_id: string;
  last_seen_at: Date;
  expires_at: Date;
}

/** One per membership at most; it dies with the membership (a foreign key on both columns). */
export interface AccountInvitationTable {
  token_hash: string;
  user_id: string;
  organization_id: string;
  expires_at: Date;
}

export interface AuditEventTable {
  id: Generated<string>;
  organization_id: string | null;
  actor_user_id: string | null;
  actor_email: string | null;
  action: string;
  detail: JSONColumnType<Record<string, unknown>, string, string>;
  at: ColumnType<Date, Date | undefined, never>;
}

/** One row: see server/db/rate-limit-secret.ts. */
export interface RateLimitSecretTable {
  only_row: boolean;
  secret: Uint8Array;
}

/** An answer kept for a repeated create: see server/plugins/idempotency.ts. */
export interface IdempotentRequestTable {
  user_id: string;
  key: string;
  /** SHA-256 of the route as called and its body: the same key with another request is refused. */
  fingerprint: string;
  /** Which run holds the key: only it keeps its answer there or frees it. */
  claim: string;
  /** Null while the first request runs. */
  status: number | null;
  body: string | null;
  created_at: Generated<Date>;
}

export interface AccountTables {
  app_user: AppUserTable;
  membership: MembershipTable;
  session: SessionTable;
  account_invitation: AccountInvitationTable;
  audit_event: AuditEventTable;
  rate_limit_secret: RateLimitSecretTable;
  idempotent_request: IdempotentRequestTable;
}
