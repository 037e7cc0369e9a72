/**
 * Personal invitation codes that a person can read aloud and type on a phone: Crockford's base32
 * (no I, L, O or U, so nothing is ambiguous), 28 symbols in seven groups of four, 140 bits of
 * randomness (A3 asks for at least 128). Typing is forgiving: case, spaces and hyphens do not
 * matter, and the letters people confuse with digits (O, I, L) are read as the digits.
 *
 * Codes issued before this format (22 URL-safe base64 characters, case-sensitive) keep working:
 * anything that is not a 28-symbol code is looked up exactly as typed, trimmed.
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_SYMBOLS = 28;
const GROUP = 4;

/** The code for 28 values in 0..31 (the caller draws them at random), grouped for reading. */
export function formatInvitationCode(values: ArrayLike<number>): string {
  if (values.length !== CODE_SYMBOLS) throw new Error(`an invitation code has ${CODE_SYMBOLS} symbols`);
  let code = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0 && i % GROUP === 0) code += '-';
    code += CODE_ALPHABET[values[i]! & 31];
  }
  return code;
}

const confusable: Record<string, string> = { O: '0', I: '1', L: '1' };

/** The form a code is stored (hashed) and looked up in; see the header for older codes. */
export function normalizeInvitationCode(typed: string): string {
  const trimmed = typed.trim();
  const symbols = trimmed
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/[OIL]/g, (c) => confusable[c]!);
  if (symbols.length === CODE_SYMBOLS && [...symbols].every((c) => CODE_ALPHABET.includes(c)))
    return formatInvitationCode([...symbols].map((c) => CODE_ALPHABET.indexOf(c)));
  return trimmed;
}
