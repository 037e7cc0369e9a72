import { z } from 'zod';

/**
 * Characters that are no part of a name or a title: line breaks, tabs and the other control
 * characters (a bell, a backspace), and the Unicode line and paragraph separators. Such names go
 * into email bodies, the survey's header and CSV exports, where a line break starts a line of its
 * own (and, after it, `=…` a cell a spreadsheet may run).
 */
export const CONTROL_CHARACTER = /[\p{Cc}\u2028\u2029]/u;

/** Whether `text` shows nothing: only spaces and invisible format characters (a zero-width space). */
export const showsNothing = (text: string): boolean => text.replace(/[\p{Cf}\p{Z}\s]/gu, '').length === 0;

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
    .refine((text) => text.length === 0 || !showsNothing(text), {
      message: 'must show at least one letter, digit or sign',
      params: { code: 'validation.shows-nothing' },
    });
