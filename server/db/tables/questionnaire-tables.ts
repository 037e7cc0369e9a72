import type { Generated } from 'kysely';

export interface QuestionnaireVersionTable {
  key: string;
  version: string;
  content_hash: string;
  published_at: Generated<Date>;
}

/** A locale added to a published version afterwards, pinned by the hash of its texts. */
export interface QuestionnaireTranslationTable {
  key: string;
  version: string;
  locale: string;
  content_hash: string;
  published_at: Generated<Date>;
}

export interface QuestionnaireTables {
  questionnaire_version: QuestionnaireVersionTable;
  questionnaire_translation: QuestionnaireTranslationTable;
}
