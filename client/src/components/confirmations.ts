import type { Confirmation } from './confirm-dialog.tsx';

/**
 * What each irreversible step of the console says before it runs. Each names what is lost, to
 * whom, and that it cannot be undone, so nobody learns it from the result.
 */

/** Closing seals the results (R3): the links stop taking answers and the report is final. */
export const closeWave = (wave: { title: string }, openLinks: number): Confirmation => ({
  title: 'confirm.close.title',
  body: 'confirm.close.body',
  values: { wave: wave.title, count: openLinks },
  confirm: 'confirm.close.action',
});

export const removeMember = (member: { email: string; status: string }): Confirmation => ({
  title: 'confirm.remove.title',
  body: member.status === 'active' ? 'confirm.remove.body' : 'confirm.remove.bodyInvited',
  values: { email: member.email },
  confirm: 'confirm.remove.action',
});

export const withdrawSharedLinks = (links: number): Confirmation => ({
  title: 'confirm.unshare.title',
  body: 'confirm.unshare.body',
  values: { count: links },
  confirm: 'confirm.unshare.action',
});

/** Teams that have answers cannot be removed (the server refuses); the others lose their place. */
export const removeTeams = (teams: number): Confirmation => ({
  title: 'confirm.removeTeams.title',
  body: 'confirm.removeTeams.body',
  values: { count: teams },
  confirm: 'confirm.removeTeams.action',
});

/**
 * Inviting someone already in the organization changes their access, at once if they have
 * accepted: said before it happens, with what it is and what it becomes.
 */
export const changeAccess = (email: string, before: string, after: string): Confirmation => ({
  title: 'confirm.access.title',
  body: 'confirm.access.body',
  values: { email, before, after },
  confirm: 'confirm.access.action',
});
