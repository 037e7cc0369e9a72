import type { MessageKey } from '../../i18n/en.ts';
import { formatDate } from '../../i18n/format.ts';
import type { Action } from './action-types.ts';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/**
 * One check-in as a line: when, who, the status it set, then its note after the language's own
 * colon ("… · Done : note" in French), so the note reads as what was said at that check-in.
 */
export function checkInText(checkIn: Action['checkIns'][number], t: Translate, locale: string): string {
  const parts = [formatDate(locale, checkIn.at), checkIn.author];
  if (checkIn.status) parts.push(t(`actions.status.${checkIn.status}`));
  const said = parts.join(' · ');
  return checkIn.note ? t('common.labelled', { label: said, value: checkIn.note }) : said;
}
