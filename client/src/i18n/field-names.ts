/**
 * The names the server gives the fields of a request (`body.anonymityThreshold`, `row 3: email`),
 * said the way the form or the file labels them in the reader's language, so a refusal reads
 * "Umbral de anonimato: debe ser como mínimo 3" rather than "anonymityThreshold: …". A field not
 * listed here keeps the server's name, which is still the one the API documents.
 */
import { translate } from './translate.ts';

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
    dimension: 'Dimension',
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
    dimension: 'Dimensión',
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
    email: 'E-mail',
    password: 'Mot de passe',
    currentPassword: 'Mot de passe actuel',
    teamKey: 'Équipe',
    role: 'Rôle',
    comment: 'Commentaire',
    invitation: 'Code personnel',
    dimension: 'Dimension',
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
    dimension: 'Dimension',
  },
};

/** How each language says a file's row, before its number. */
const rowWord: Record<string, string> = { en: 'row', es: 'fila', fr: 'ligne', de: 'Zeile' };

/** Where a request's part is named before the field (`body.`, `query.`), which a reader never sees. */
const stripPart = (field: string) => field.replace(/^(body|query|params|headers)\./, '');

/**
 * A field as the reader finds it: its label in their language, a file's row with the word for
 * "row" (its column stays as the file's header writes it), a nested field by its outer one
 * (`questionnaire.key` is the questionnaire), and anything else as the server names it.
 */
export function fieldLabel(locale: string, field: string): string {
  const words = names[locale] ?? names.en!;
  const name = stripPart(field);
  const row = /^row (\d+): (.+)$/.exec(name);
  if (row)
    return translate(locale, 'common.labelled', {
      label: `${rowWord[locale] ?? rowWord.en} ${row[1]}`,
      value: row[2]!,
    });
  if (Object.hasOwn(words, name)) return words[name]!;
  const outer = /^([A-Za-z]+)\.[A-Za-z]+$/.exec(name)?.[1];
  if (outer && Object.hasOwn(words, outer)) return words[outer]!;
  return name;
}

/** The languages this knows field names in: for the completeness test. */
export const fieldNameLocales = Object.keys(names);
export const fieldNamesOf = (locale: string): Readonly<Names> => names[locale] ?? {};
