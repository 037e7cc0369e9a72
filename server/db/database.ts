import type { AccountTables } from './tables/account-tables.ts';
import type { ActionTables } from './tables/action-tables.ts';
import type { AssessmentTables } from './tables/assessment-tables.ts';
import type { OrganizationTables } from './tables/organization-tables.ts';
import type { QuestionnaireTables } from './tables/questionnaire-tables.ts';

/**
 * The one Database interface Kysely is typed with. Each area of the product keeps its
 * table types in its own file under `tables/` and is listed here.
 */
export interface Database
  extends OrganizationTables,
    QuestionnaireTables,
    AccountTables,
    AssessmentTables,
    ActionTables {}
