export const TEAM_FIELDS = ['key', 'name', 'parentKey', 'headcount'] as const;
export type TeamField = (typeof TEAM_FIELDS)[number];

/**
 * The query of a team import: the sheet and the columns chosen for each field ('' for none). A
 * field left out is decided by the server (remembered, else recognised).
 */
export function importQuery(
  sheet: string | null,
  columns: Partial<Record<TeamField, string | null>>,
): string {
  const params = new URLSearchParams();
  if (sheet) params.set('sheet', sheet);
  for (const field of TEAM_FIELDS) {
    const column = columns[field];
    if (column !== undefined) params.set(`${field}Column`, column ?? '');
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

/**
 * The query that saves exactly what a preview showed: its sheet and every column of its mapping.
 * Sending only the columns the consultant changed let the save pick the others afresh, from a
 * mapping remembered in between (another consultant's save), not the one on screen.
 */
export const previewedQuery = (preview: {
  sheet: string | null;
  mapping: Record<TeamField, string | null> | null;
  hierarchyVersion: string | null;
}): string => {
  const query = importQuery(preview.sheet, preview.mapping ?? {});
  // And the hierarchy it was checked against: saved over someone else's import since, it is refused.
  if (preview.hierarchyVersion === null) return query;
  const basedOn = `basedOn=${encodeURIComponent(preview.hierarchyVersion)}`;
  return query ? `${query}&${basedOn}` : `?${basedOn}`;
};
