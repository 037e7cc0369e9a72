import type { Generated, JSONColumnType } from 'kysely';

export interface OrganizationTable {
  id: Generated<string>;
  name: string;
  anonymity_threshold: Generated<number>;
  created_at: Generated<Date>;
}

export interface TeamTable {
  id: Generated<string>;
  organization_id: string;
  key: string;
  name: string;
  parent_id: string | null;
  headcount: number | null;
  position: Generated<number>;
}

/** The spreadsheet columns an organization's last import used: each field's header text, or null. */
export interface TeamColumnMappingTable {
  organization_id: string;
  mapping: JSONColumnType<
    { key: string | null; name: string | null; parentKey: string | null; headcount: string | null },
    string,
    string
  >;
}

export interface OrganizationTables {
  organization: OrganizationTable;
  team: TeamTable;
  team_column_mapping: TeamColumnMappingTable;
}
