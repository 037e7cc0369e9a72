/**
 * The one way every message of the product is filled in, on the server (its English problems)
 * and in the browser (every catalog): `{name}` takes a parameter, and a count picks its words
 * through a plural block, `{n, plural, one {# character left} other {# characters left}}`.
 *
 * The plural block is ICU MessageFormat's, in the part we need: `plural` only, branches `=N`
 * (an exact count), `zero`, `one`, `two`, `few`, `many` and `other`, and `#` for the count.
 * A translator who knows the syntax writes it as usual; every block needs `other`. Which branch a
 * count takes is the language's rule, from `Intl.PluralRules`: English says "1 team" and "0 teams",
 * French "0 équipe" and "2 équipes".
 */

type Part = string | { name: string; pound?: true } | { name: string; branches: Record<string, Part[]> };

const categories = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);

/** A message its author got wrong: a catalog test finds it before any reader does. */
export class MessageSyntaxError extends Error {}

const parsed = new Map<string, Part[]>();

/** `text` as parts; each catalog string is read once. */
function parse(text: string): Part[] {
  let parts = parsed.get(text);
  if (!parts) {
    const reader = { text, at: 0 };
    parts = readParts(reader, null);
    if (reader.at < text.length) throw new MessageSyntaxError(`An unmatched "}" in: ${text}`);
    parsed.set(text, parts);
  }
  return parts;
}

/** Reads up to the `}` that closes the branch (left unread), or to the end; `pound` names its count. */
function readParts(reader: { text: string; at: number }, pound: string | null): Part[] {
  const { text } = reader;
  const parts: Part[] = [];
  let literal = '';
  while (reader.at < text.length) {
    const char = text[reader.at]!;
    if (char === '}') break;
    if (char === '#' && pound) {
      if (literal) parts.push(literal);
      literal = '';
      parts.push({ name: pound, pound: true });
      reader.at++;
      continue;
    }
    if (char === '{') {
      const placeholder = /\{(\w+)\}/y;
      placeholder.lastIndex = reader.at;
      const simple = placeholder.exec(text);
      const pluralHead = /\{\s*(\w+)\s*,\s*plural\s*,/y;
      pluralHead.lastIndex = reader.at;
      const plural = simple ? null : pluralHead.exec(text);
      if (simple || plural) {
        if (literal) parts.push(literal);
        literal = '';
        if (simple) {
          parts.push({ name: simple[1]! });
          reader.at = placeholder.lastIndex;
        } else {
          reader.at = pluralHead.lastIndex;
          parts.push({ name: plural![1]!, branches: readBranches(reader, plural![1]!) });
        }
        continue;
      }
    }
    literal += char;
    reader.at++;
  }
  if (literal) parts.push(literal);
  return parts;
}

function readBranches(reader: { text: string; at: number }, name: string): Record<string, Part[]> {
  const { text } = reader;
  const branches: Record<string, Part[]> = {};
  const selector = /\s*(=\d+|[a-z]+)\s*\{/y;
  for (;;) {
    const end = /\s*\}/y;
    end.lastIndex = reader.at;
    if (end.test(text)) {
      reader.at = end.lastIndex;
      break;
    }
    selector.lastIndex = reader.at;
    const match = selector.exec(text);
    if (!match) throw new MessageSyntaxError(`A plural of {${name}} is not closed in: ${text}`);
    const key = match[1]!;
    if (!key.startsWith('=') && !categories.has(key)) {
      throw new MessageSyntaxError(`"${key}" is not a plural category, in: ${text}`);
    }
    reader.at = selector.lastIndex;
    branches[key] = readParts(reader, name);
    if (text[reader.at] !== '}') throw new MessageSyntaxError(`A branch "${key}" is not closed in: ${text}`);
    reader.at++;
  }
  if (!branches.other) throw new MessageSyntaxError(`A plural of {${name}} has no "other" in: ${text}`);
  return branches;
}

const rules = new Map<string, Intl.PluralRules>();
function pluralRules(locale: string): Intl.PluralRules {
  let rule = rules.get(locale);
  if (!rule) {
    rule = new Intl.PluralRules(locale);
    rules.set(locale, rule);
  }
  return rule;
}

/**
 * `text` with its parameters filled in and its plurals chosen for `locale`. A number goes through
 * `formatNumber` (the browser's "12.000" in German); a parameter not given stays as `{name}`, and
 * so does a plural whose count is not a number, so a missing value shows rather than vanishes.
 */
export function formatMessage(
  locale: string,
  text: string,
  values: Record<string, string | number> = {},
  formatNumber: (value: number) => string = String,
): string {
  const fill = (parts: Part[]): string => {
    let out = '';
    for (const part of parts) {
      if (typeof part === 'string') {
        out += part;
        continue;
      }
      const value = values[part.name];
      if (!('branches' in part)) {
        if (value === undefined) out += part.pound ? '#' : `{${part.name}}`;
        else out += typeof value === 'number' ? formatNumber(value) : value;
        continue;
      }
      const count = typeof value === 'number' ? value : Number(value);
      if (value === undefined || value === '' || !Number.isFinite(count)) {
        out += `{${part.name}}`;
        continue;
      }
      const branch =
        part.branches[`=${count}`] ??
        part.branches[pluralRules(locale).select(count)] ??
        part.branches.other!;
      out += fill(branch);
    }
    return out;
  };
  return fill(parse(text));
}

/** The parameters a message takes, each once, sorted: a translation must take the same. */
export function messageParameters(text: string): string[] {
  const names = new Set<string>();
  const walk = (parts: Part[]) => {
    for (const part of parts) {
      if (typeof part === 'string') continue;
      names.add(part.name);
      if ('branches' in part) for (const branch of Object.values(part.branches)) walk(branch);
    }
  };
  walk(parse(text));
  return [...names].sort();
}

/** Every plural category a message's blocks name (not its `=N` branches), for the catalog tests. */
export function pluralCategoriesOf(text: string): string[] {
  const used = new Set<string>();
  const walk = (parts: Part[]) => {
    for (const part of parts) {
      if (typeof part === 'string' || !('branches' in part)) continue;
      for (const [key, branch] of Object.entries(part.branches)) {
        if (!key.startsWith('=')) used.add(key);
        walk(branch);
      }
    }
  };
  walk(parse(text));
  return [...used].sort();
}
