import { inflateRawSync } from 'node:zlib';

/**
 * What an uploaded `.xlsx` may unpack to before any library reads it. An `.xlsx` is a ZIP of XML
 * files, and deflate expands up to about 1,000 times: a 2 MB upload can declare, or quietly hold,
 * gigabytes. The reading library trusts the sizes an archive declares (it allocates them up
 * front) and inflates to the end whatever they say, so a zip bomb would take the server's memory
 * or hold its event loop for seconds. This guard inflates every entry the library will read, with
 * Node's own zlib and a hard cap on output, before the library sees the file: a lying size or an
 * expanding stream is stopped at the cap, and the work done is bounded by the cap, not the file.
 *
 * A 5,000-team sheet unpacks to about 1 MB, so the caps leave room for styles and other sheets.
 */
export const XLSX_LIMITS = {
  /** All XML entries together, unpacked. */
  unpackedBytes: 16 * 1024 * 1024,
  entries: 2_000,
  /**
   * The last row and column a worksheet may use. The reader builds the whole rectangle up to the
   * farthest cell: two cells, at A1 and CV200000, made a grid of 20 million cells and 365 MB; one
   * at XFD1048576 would ask for 17 billion. A hierarchy has at most 5,000 teams.
   */
  rows: 10_000,
  columns: 100,
} as const;

export class UnsafeSpreadsheetError extends Error {
  override name = 'UnsafeSpreadsheetError';
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Only these entries are read by the library (see read-excel-file's filterZipArchiveEntry). */
const isRead = (name: string) => name.endsWith('.xml') || name.endsWith('.xml.rels');

/** Throws UnsafeSpreadsheetError when the archive would unpack beyond the limits; a damaged archive is left for the reader to refuse. */
export function guardXlsx(file: Buffer): void {
  const eocd = findEndOfCentralDirectory(file);
  if (eocd < 0) return; // not a ZIP at all: the reader says so in its own words
  const entries = file.readUInt16LE(eocd + 10);
  let at = file.readUInt32LE(eocd + 16);
  if (entries === 0xffff || at === 0xffffffff)
    throw new UnsafeSpreadsheetError('is a ZIP64 archive, which no spreadsheet of this size needs');
  if (entries > XLSX_LIMITS.entries)
    throw new UnsafeSpreadsheetError(`holds more than ${XLSX_LIMITS.entries} files`);
  let budget: number = XLSX_LIMITS.unpackedBytes;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > file.length || file.readUInt32LE(at) !== CENTRAL) return;
    const method = file.readUInt16LE(at + 10);
    const compressedSize = file.readUInt32LE(at + 20);
    const nameLength = file.readUInt16LE(at + 28);
    const extraLength = file.readUInt16LE(at + 30);
    const commentLength = file.readUInt16LE(at + 32);
    const localHeader = file.readUInt32LE(at + 42);
    const name = file.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (!isRead(name)) continue;
    if (localHeader + 30 > file.length || file.readUInt32LE(localHeader) !== LOCAL) return;
    const start =
      localHeader + 30 + file.readUInt16LE(localHeader + 26) + file.readUInt16LE(localHeader + 28);
    const data = file.subarray(start, start + compressedSize);
    let unpacked: Buffer;
    if (method === 0) unpacked = data;
    else if (method === 8) {
      try {
        // One byte over the budget is enough to know it is too much.
        unpacked = inflateRawSync(data, { maxOutputLength: budget + 1 });
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
        return; // damaged data: the reader refuses it
      }
    } else return; // a method the reader does not know: it refuses the file
    budget -= unpacked.length;
    if (budget < 0) throw tooLarge();
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) guardSheetExtent(unpacked);
  }
}

const tooLarge = () =>
  new UnsafeSpreadsheetError(
    `unpacks to more than ${XLSX_LIMITS.unpackedBytes / 1024 / 1024} MB; keep only the sheet of teams in the file`,
  );

function findEndOfCentralDirectory(file: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535.
  for (let at = file.length - 22; at >= Math.max(0, file.length - 22 - 0xffff); at--)
    if (file.readUInt32LE(at) === EOCD) return at;
  return -1;
}

/** Refuses a worksheet whose cells reach beyond the limits, whatever its dimension tag says. */
function guardSheetExtent(xml: Buffer): void {
  const text = xml.toString('latin1');
  const reference = /<c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"/g;
  for (let match = reference.exec(text); match !== null; match = reference.exec(text)) {
    const column = [...match[1]!].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0);
    const row = Number(match[2]);
    if (row > XLSX_LIMITS.rows || column > XLSX_LIMITS.columns)
      throw new UnsafeSpreadsheetError(
        `has a cell at ${match[1]}${match[2]}, beyond ${XLSX_LIMITS.rows} rows or ${XLSX_LIMITS.columns} columns`,
      );
  }
  const rows = /<row\b[^>]*?\br="([0-9]{1,7})"/g;
  for (let match = rows.exec(text); match !== null; match = rows.exec(text))
    if (Number(match[1]) > XLSX_LIMITS.rows)
      throw new UnsafeSpreadsheetError(`has a row ${match[1]}, beyond ${XLSX_LIMITS.rows} rows`);
}
