import type { Generated } from 'kysely';

export interface QuestionnaireVersionTable {
  key: string;
  version: string;
  content_hash: string;
  published_at: Generated<Date>;
}

export interface QuestionnaireTables {
  questionnaire_version: QuestionnaireVersionTable;
}
