import { type Options, parse } from 'csv-parse';
import { letOthersIn } from '../event-loop-turns.ts';

/**
 * How much text is parsed in one turn of the event loop: 32 Ki characters, 32 to 96 kB of UTF-8.
 * Once warm, the parser reads about 4 to 8 MB a second on a slow machine, so a slice takes a few
 * milliseconds; in one piece, the 160 kB of 5,000 teams took 20 to 44 ms there, and a list of
 * recipients at its limit of 1 MB over 100 ms, with every other request held meanwhile.
 */
export const SLICE_CHARACTERS = 32 * 1024;

/**
 * Parses CSV as `csv-parse/sync` does with the options our uploads use, but hands the text to the
 * parser a slice at a time, each in a turn of the event loop of its own, so a large upload never
 * holds the server's other requests for long. Rejects with the parser's own error (which names
 * the line). Not for `objname`, `to` or `to_line`, whose results the stream form gives otherwise.
 */
export async function parseCsvInTurns<Row>(
  text: string,
  options: Options,
  sliceCharacters = SLICE_CHARACTERS,
): Promise<Row[]> {
  const rows: Row[] = [];
  const outcome: { failure: Error | null } = { failure: null };
  const parser = parse(options);
  parser.on('data', (row: Row) => rows.push(row));
  const finished = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', (error) => {
      outcome.failure = error;
      resolve();
    });
  });
  for (let start = 0; start < text.length && !outcome.failure; ) {
    let end = Math.min(start + sliceCharacters, text.length);
    // Never between the two halves of a character outside the basic plane.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += 1;
    parser.write(text.slice(start, end));
    start = end;
    if (start < text.length) await letOthersIn();
  }
  if (!outcome.failure) parser.end();
  await finished;
  if (outcome.failure) throw outcome.failure;
  return rows;
}
