/**
 * The names the server gives the fields of a request (`body.anonymityThreshold`, `row 3: email`),
 * said the way the form or the file labels them in the reader's language, so a refusal reads
 * "Umbral de anonimato: debe ser como mínimo 3" rather than "anonymityThreshold: …". A field not
 * listed here keeps the server's name, which is still the one the API documents.
 */
import { formatFigure } from './format.ts';
import { translate } from './translate.ts';

/** A label per field; `list.#` names one item of a list, `#` standing for its place. */
type Names = Record<string, string>;

const names: Record<string, Names> = {
  en: {
    anonymityThreshold: 'Anonymity threshold',
    name: 'Name',
    title: 'Title',
    closesAt: 'Closing time',
    opensAt: 'Opening time',
    reminderDays: 'Reminder days',
    locale: 'Language',
    questionnaire: 'Questionnaire',
    email: 'Email',
    password: 'Password',
    currentPassword: 'Current password',
    teamKey: 'Team',
    role: 'Role',
    comment: 'Comment',
    invitation: 'Personal code',
    count: 'Number of personal codes',
    dimension: 'Dimension',
    recipients: 'Recipients',
    owner: 'Owner',
    dueDate: 'Due date',
    steps: 'Steps',
    'steps.#': 'Step #',
    note: 'Check-in note',
  },
  es: {
    anonymityThreshold: 'Umbral de anonimato',
    name: 'Nombre',
    title: 'Título',
    closesAt: 'Fecha de cierre',
    opensAt: 'Fecha de apertura',
    reminderDays: 'Días de recordatorio',
    locale: 'Idioma',
    questionnaire: 'Cuestionario',
    email: 'Correo electrónico',
    password: 'Contraseña',
    currentPassword: 'Contraseña actual',
    teamKey: 'Equipo',
    role: 'Rol',
    comment: 'Comentario',
    invitation: 'Código personal',
    count: 'Número de códigos personales',
    dimension: 'Dimensión',
    recipients: 'Destinatarios',
    owner: 'Responsable',
    dueDate: 'Fecha límite',
    steps: 'Pasos',
    'steps.#': 'Paso #',
    note: 'Nota de seguimiento',
  },
  fr: {
    anonymityThreshold: 'Seuil d’anonymat',
    name: 'Nom',
    title: 'Titre',
    closesAt: 'Date de clôture',
    opensAt: 'Date d’ouverture',
    reminderDays: 'Jours de relance',
    locale: 'Langue',
    questionnaire: 'Questionnaire',
    email: 'Adresse électronique',
    password: 'Mot de passe',
    currentPassword: 'Mot de passe actuel',
    teamKey: 'Équipe',
    role: 'Rôle',
    comment: 'Commentaire',
    invitation: 'Code personnel',
    count: 'Nombre de codes personnels',
    dimension: 'Dimension',
    recipients: 'Destinataires',
    owner: 'Responsable',
    dueDate: 'Échéance',
    steps: 'Étapes',
    'steps.#': 'Étape #',
    note: 'Note de suivi',
  },
  de: {
    anonymityThreshold: 'Anonymitätsschwelle',
    name: 'Name',
    title: 'Titel',
    closesAt: 'Ende',
    opensAt: 'Beginn',
    reminderDays: 'Erinnerungstage',
    locale: 'Sprache',
    questionnaire: 'Fragebogen',
    email: 'E-Mail',
    password: 'Passwort',
    currentPassword: 'Aktuelles Passwort',
    teamKey: 'Team',
    role: 'Rolle',
    comment: 'Kommentar',
    invitation: 'Persönlicher Code',
    count: 'Anzahl persönlicher Codes',
    dimension: 'Dimension',
    recipients: 'Empfänger',
    owner: 'Verantwortlich',
    dueDate: 'Fällig am',
    steps: 'Schritte',
    'steps.#': 'Schritt #',
    note: 'Notiz zum Stand',
  },
};

/** How each language says a file's row, before its number. */
const rowWord: Record<string, string> = { en: 'row', es: 'fila', fr: 'ligne', de: 'Zeile' };

/** How each language names a team by its key, in its own quotation marks. */
const teamByKey: Record<string, (key: string) => string> = {
  en: (key) => `Team "${key}"`,
  es: (key) => `Equipo «${key}»`,
  fr: (key) => `Équipe « ${key} »`,
  de: (key) => `Team „${key}“`,
};

/** Where a request's part is named before the field (`body.`, `query.`), which a reader never sees. */
const stripPart = (field: string) => field.replace(/^(body|query|params|headers)\./, '');

/**
 * A field as the reader finds it: its label in their language; a file's row with the word for
 * "row" (its column stays as the file's header writes it); a team the server names by its key
 * (`team sales`, a team an import would remove) by the word for "team"; an item of a list by its
 * place, counted from 1 (`steps.3` is step 4) where the list has a word for one item, else by the
 * list; a nested field by its outer one (`questionnaire.key` is the questionnaire); and anything
 * else as the server names it.
 */
export function fieldLabel(locale: string, field: string): string {
  const words = names[locale] ?? names.en!;
  const name = stripPart(field);
  const row = /^row (\d+): (.+)$/.exec(name);
  if (row)
    return translate(locale, 'common.labelled', {
      label: `${rowWord[locale] ?? rowWord.en} ${formatFigure(locale, Number(row[1]))}`,
      value: row[2]!,
    });
  const team = /^team (\S+)$/.exec(name);
  if (team) return (teamByKey[locale] ?? teamByKey.en!)(team[1]!);
  if (Object.hasOwn(words, name)) return words[name]!;
  const item = /^([A-Za-z]+)\.(\d+)$/.exec(name);
  if (item && Object.hasOwn(words, `${item[1]}.#`))
    return words[`${item[1]}.#`]!.replace('#', formatFigure(locale, Number(item[2]) + 1));
  const outer = /^([A-Za-z]+)\.[A-Za-z0-9]+$/.exec(name)?.[1];
  if (outer && Object.hasOwn(words, outer)) return words[outer]!;
  return name;
}

/** The languages this knows field names in: for the completeness test. */
export const fieldNameLocales = Object.keys(names);
export const fieldNamesOf = (locale: string): Readonly<Names> => names[locale] ?? {};
