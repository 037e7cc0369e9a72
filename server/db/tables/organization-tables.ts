import type { Generated } from 'kysely';

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

export interface OrganizationTables {
  organization: OrganizationTable;
  team: TeamTable;
}
