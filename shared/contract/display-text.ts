import { z } from 'zod';

/**
 * Characters that are no part of a name or a title: line breaks, tabs and the other control
 * characters (a bell, a backspace), and the Unicode line and paragraph separators. Such names go
 * into email bodies, the survey's header and CSV exports, where a line break starts a line of its
 * own (and, after it, `=…` a cell a spreadsheet may run).
 */
export const CONTROL_CHARACTER = /[\p{Cc}\u2028\u2029]/u;

/**
 * Characters that draw nothing though Unicode files some of them as letters or symbols: every
 * default-ignorable code point (zero-width spaces, joiners, variation selectors, the Hangul
 * fillers U+3164, U+115F, U+1160 and U+FFA0) and the blank Braille pattern U+2800.
 */
const BLANK = /[\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** A letter, a digit, a punctuation mark or a symbol: something a reader sees on its own. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/**
 * Whether `text` shows nothing: only spaces, blank characters, and combining marks with nothing
 * to sit on. Such a name is an empty line in a list and an invisible link.
 */
export const showsNothing = (text: string): boolean => !VISIBLE.test(text.replace(BLANK, ''));

/**
 * A name or a title a person reads: trimmed, 1 to `max` characters, on one line, and showing
 * something. An organization named with a zero-width space was an invisible link in the console.
 * Each refusal carries a code of its own, so a page can say it in its language.
 */
export const displayText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((text) => !CONTROL_CHARACTER.test(text), {
      message: 'must not contain line breaks, tabs or other control characters',
      params: { code: 'validation.control-character' },
    })
    // One refusal per name: a name of bells alone is told about its control characters.
    .refine((text) => text.length === 0 || CONTROL_CHARACTER.test(text) || !showsNothing(text), {
      message: 'must show at least one letter, digit or sign',
      params: { code: 'validation.shows-nothing' },
    });
