/**
 * Who may call a route. Every API route declares one in `config.access`; a route without a
 * declaration refuses to register (see plugins/access-control.ts), so nothing is reachable
 * by accident.
 */
export type Role = 'admin' | 'consultant' | 'leader';

export type Access =
  /**
   * Anyone, signed in or not. On a read (GET, HEAD) who they are is not looked at:
   * `request.viewer` stays null, so the answer is the same for everyone (plugins/sessions.ts).
   */
  | { public: true }
  /**
   * Anyone, and who they are is never looked at: the survey's own routes. A session cookie sent
   * with them is not read, so answering leaves no trace in the session's row (A1): no time of
   * last use one transaction before an answer, no session ended at that moment.
   */
  | { respondent: true }
  /** Any signed-in account. */
  | { signedIn: true }
  /** Instance administrators only. */
  | { admin: true }
  /** Administrators and consultant accounts: those who may create client organizations. */
  | { consultantAccount: true }
  /**
   * Members of the organization the route's params point at, with one of these roles.
   * `via` names the param that identifies the organization, directly or through a wave.
   * Admins pass every organization check.
   */
  | { organization: { via: 'orgId' | 'waveId'; roles: readonly Exclude<Role, 'admin'>[] } };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

export const publicAccess = { public: true } as const satisfies Access;
