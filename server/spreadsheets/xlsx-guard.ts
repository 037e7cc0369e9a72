import { crc32, inflateRawSync } from 'node:zlib';

/**
 * What an uploaded `.xlsx` may unpack to before any library reads it. An `.xlsx` is a ZIP of XML
 * files, and deflate expands up to about 1,000 times: a 2 MB upload can declare, or quietly hold,
 * gigabytes. The reading library streams the archive's local headers in order, trusts the sizes
 * they declare (it allocates them up front) and inflates entries with a data descriptor to their
 * end, so any check of the central directory alone can be walked around: a file without one,
 * entries it does not list, a local header that says otherwise.
 *
 * So the reader never sees the upload. This guard reads the central directory strictly (anything
 * it cannot verify is refused), inflates each XML entry itself with Node's zlib and a hard cap on
 * the output, checks the size and CRC the directory declares, scans every part for cells beyond
 * the limits, and hands the reader a new archive of those parts alone, stored uncompressed with
 * sizes that are true. The work done is bounded by the caps and the upload, never by what the
 * archive claims.
 *
 * A 5,000-team sheet unpacks to about 1 MB, so the caps leave room for styles and other sheets.
 */
export const XLSX_LIMITS = {
  /** All XML entries together, unpacked. */
  unpackedBytes: 16 * 1024 * 1024,
  entries: 2_000,
  /** Sheets in the workbook; only the chosen one is read, but each is listed for choosing. */
  sheets: 100,
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
const XLS_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** General-purpose flag bits: 0 encrypted, 11 names in UTF-8. */
const ENCRYPTED = 0x1;
const UTF8_NAMES = 0x800;

/** Only these entries are read by the library (see read-excel-file's filterZipArchiveEntry). */
const isRead = (name: string) => name.endsWith('.xml') || name.endsWith('.xml.rels');

/** Thrown when the upload is not a `.xlsx` at all, rather than one that is too large. */
export class NotXlsxError extends Error {
  override name = 'NotXlsxError';
  constructor(readonly legacyXls: boolean) {
    super(legacyXls ? 'legacy .xls' : 'not a ZIP archive');
  }
}

const damaged = () => new NotXlsxError(false);

interface Part {
  name: Buffer;
  utf8Name: boolean;
  data: Buffer;
  crc: number;
}

/** An `.xlsx` as the guard read it: the archive to hand the reader and the workbook's sheet names. */
export interface GuardedXlsx {
  archive: Buffer;
  sheetNames: string[];
}

/**
 * Throws UnsafeSpreadsheetError when the archive would unpack beyond the limits, NotXlsxError
 * when it is not an archive the guard can verify; otherwise returns the verified parts, rebuilt.
 */
export function guardXlsx(file: Buffer): GuardedXlsx {
  if (file.subarray(0, XLS_MAGIC.length).equals(XLS_MAGIC)) throw new NotXlsxError(true);
  const eocd = findEndOfCentralDirectory(file);
  if (eocd < 0) throw damaged();
  const entries = file.readUInt16LE(eocd + 10);
  const directorySize = file.readUInt32LE(eocd + 12);
  let at = file.readUInt32LE(eocd + 16);
  if (entries === 0xffff || at === 0xffffffff)
    throw new UnsafeSpreadsheetError('is a ZIP64 archive, which no spreadsheet of this size needs');
  // One disk, every entry on it, the directory before its end record.
  if (file.readUInt16LE(eocd + 4) !== 0 || file.readUInt16LE(eocd + 6) !== 0) throw damaged();
  if (file.readUInt16LE(eocd + 8) !== entries || at + directorySize !== eocd) throw damaged();
  if (entries > XLSX_LIMITS.entries)
    throw new UnsafeSpreadsheetError(`holds more than ${XLSX_LIMITS.entries} files`);
  let budget: number = XLSX_LIMITS.unpackedBytes;
  const parts: Part[] = [];
  const names = new Set<string>();
  for (let i = 0; i < entries; i++) {
    if (at + 46 > eocd || file.readUInt32LE(at) !== CENTRAL) throw damaged();
    const flags = file.readUInt16LE(at + 8);
    const method = file.readUInt16LE(at + 10);
    const crc = file.readUInt32LE(at + 16);
    const compressedSize = file.readUInt32LE(at + 20);
    const size = file.readUInt32LE(at + 24);
    const nameLength = file.readUInt16LE(at + 28);
    const extraLength = file.readUInt16LE(at + 30);
    const commentLength = file.readUInt16LE(at + 32);
    const localHeader = file.readUInt32LE(at + 42);
    const nameBytes = file.subarray(at + 46, at + 46 + nameLength);
    const name = nameBytes.toString('utf8');
    at += 46 + nameLength + extraLength + commentLength;
    if (at > eocd) throw damaged();
    if (!isRead(name)) continue; // never handed to the reader
    if (names.has(name) || flags & ENCRYPTED || (method !== 0 && method !== 8)) throw damaged();
    names.add(name);
    // The local header must describe the same entry. Only the directory's sizes are used.
    if (localHeader + 30 > eocd || file.readUInt32LE(localHeader) !== LOCAL) throw damaged();
    const localNameLength = file.readUInt16LE(localHeader + 26);
    const localFlags = file.readUInt16LE(localHeader + 6);
    // With a data descriptor (flag 3) the local sizes may be zero; otherwise they must agree.
    const localSizesAgree =
      (localFlags & 0x8 &&
        file.readUInt32LE(localHeader + 18) === 0 &&
        file.readUInt32LE(localHeader + 22) === 0) ||
      (file.readUInt32LE(localHeader + 14) === crc &&
        file.readUInt32LE(localHeader + 18) === compressedSize &&
        file.readUInt32LE(localHeader + 22) === size);
    if (
      file.readUInt16LE(localHeader + 8) !== method ||
      localFlags !== flags ||
      !localSizesAgree ||
      !file.subarray(localHeader + 30, localHeader + 30 + localNameLength).equals(nameBytes)
    )
      throw damaged();
    const start = localHeader + 30 + localNameLength + file.readUInt16LE(localHeader + 28);
    if (start + compressedSize > eocd) throw damaged();
    if (size > budget) throw tooLarge();
    const packed = file.subarray(start, start + compressedSize);
    let data: Buffer;
    if (method === 0) data = packed;
    else {
      try {
        // One byte over the budget is enough to know it is too much.
        data = inflateRawSync(packed, { maxOutputLength: budget + 1 });
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
        throw damaged();
      }
    }
    budget -= data.length;
    if (budget < 0) throw tooLarge();
    if (data.length !== size || crc32(data) !== crc) throw damaged();
    guardPartExtent(data);
    parts.push({ name: nameBytes, utf8Name: (flags & UTF8_NAMES) !== 0, data, crc });
  }
  const workbook = parts.find((part) => part.name.toString('utf8') === 'xl/workbook.xml');
  if (!workbook) throw damaged();
  const sheetNames = readSheetNames(workbook.data);
  if (sheetNames.length > XLSX_LIMITS.sheets)
    throw new UnsafeSpreadsheetError(
      `has more than ${XLSX_LIMITS.sheets} sheets; keep only the sheet of teams in the file`,
    );
  return { archive: storedZip(parts), sheetNames };
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

/** A ZIP of the parts, each stored as it is: the sizes every header declares are the true ones. */
function storedZip(parts: Part[]): Buffer {
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const flags = part.utf8Name ? UTF8_NAMES : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt32LE(part.crc, 14);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(part.data.length, 22);
    local.writeUInt16LE(part.name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt32LE(part.crc, 16);
    central.writeUInt32LE(part.data.length, 20);
    central.writeUInt32LE(part.data.length, 24);
    central.writeUInt16LE(part.name.length, 28);
    central.writeUInt32LE(offset, 42);
    chunks.push(local, part.name, part.data);
    directory.push(central, part.name);
    offset += 30 + part.name.length + part.data.length;
  }
  const directorySize = directory.reduce((sum, chunk) => sum + chunk.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...directory, end]);
}

const isSpace = (code: number) => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
const localName = (name: string) => name.slice(name.lastIndexOf(':') + 1);
const quoted = (text: string) => JSON.stringify(text.length > 20 ? `${text.slice(0, 20)}…` : text);

/**
 * One pass over the tags of an XML part, in time linear in its length (each character is looked
 * at a bounded number of times; no backtracking pattern runs over the text). `visit` gets each
 * start tag's local name and attributes by local name. A tag it cannot read is refused: the
 * guard must see every attribute the reader's parser could see, so it does not guess.
 */
function scanTags(
  xml: Buffer,
  tags: ReadonlySet<string>,
  visit: (tag: string, attributes: [string, string][]) => void,
): void {
  const text = xml.toString('latin1');
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
    let end = at + 1;
    while (end < text.length) {
      const code = text.charCodeAt(end);
      if (isSpace(code) || code === 0x2f /* / */ || code === 0x3e /* > */ || code === 0x3c /* < */) break;
      end++;
    }
    const tag = localName(text.slice(at + 1, end));
    if (!tags.has(tag)) continue;
    const close = text.indexOf('>', end);
    if (close === -1) throw unreadableTag(tag);
    visit(tag, readAttributes(text.slice(end, close), tag));
    at = close;
  }
}

const unreadableTag = (tag: string) => new UnsafeSpreadsheetError(`has a <${tag}> tag that cannot be read`);

function readAttributes(text: string, tag: string): [string, string][] {
  const attributes: [string, string][] = [];
  let i = 0;
  for (;;) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (i >= text.length) return attributes;
    if (text[i] === '/') {
      if (text.slice(i + 1).trim() !== '') throw unreadableTag(tag);
      return attributes;
    }
    const nameStart = i;
    while (i < text.length && text[i] !== '=' && !isSpace(text.charCodeAt(i))) i++;
    const name = text.slice(nameStart, i);
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (name === '' || name.includes('<') || text[i] !== '=') throw unreadableTag(tag);
    i++;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    const quote = text[i];
    if (quote !== '"' && quote !== "'") throw unreadableTag(tag);
    const valueEnd = text.indexOf(quote, i + 1);
    if (valueEnd === -1) throw unreadableTag(tag);
    attributes.push([localName(name), text.slice(i + 1, valueEnd)]);
    i = valueEnd + 1;
  }
}

const CELL_TAGS: ReadonlySet<string> = new Set(['c', 'row']);
const SHEET_TAGS: ReadonlySet<string> = new Set(['sheet']);
const CELL = /^([A-Z]{1,3})([1-9][0-9]{0,6})$/;
const ROW = /^[1-9][0-9]{0,6}$/;

/**
 * Refuses a part whose cells or rows reach beyond the limits, whatever its dimension tag says.
 * Every XML part is scanned, not only those named like worksheets, because the reader follows
 * whatever path the workbook's relationships give; a reference it could read otherwise than we
 * do (an entity, a sign, an exponent, a lowercase letter) is refused rather than interpreted.
 */
function guardPartExtent(xml: Buffer): void {
  let rows = 0;
  scanTags(xml, CELL_TAGS, (tag, attributes) => {
    // A row without a number follows the one before it, so the count bounds those too.
    if (tag === 'row' && ++rows > XLSX_LIMITS.rows)
      throw new UnsafeSpreadsheetError(`has more than ${XLSX_LIMITS.rows} rows`);
    for (const [name, value] of attributes) {
      if (name !== 'r') continue;
      if (tag === 'row') {
        if (!ROW.test(value)) throw new UnsafeSpreadsheetError(`has a row numbered ${quoted(value)}`);
        if (Number(value) > XLSX_LIMITS.rows)
          throw new UnsafeSpreadsheetError(`has a row ${value}, beyond ${XLSX_LIMITS.rows} rows`);
        continue;
      }
      const match = CELL.exec(value);
      if (!match)
        throw new UnsafeSpreadsheetError(`has a cell at ${quoted(value)}, which is not a cell address`);
      const column = [...match[1]!].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0);
      if (Number(match[2]) > XLSX_LIMITS.rows || column > XLSX_LIMITS.columns)
        throw new UnsafeSpreadsheetError(
          `has a cell at ${value}, beyond ${XLSX_LIMITS.rows} rows or ${XLSX_LIMITS.columns} columns`,
        );
    }
  });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The workbook's sheet names in order, decoded as the reader decodes them. */
function readSheetNames(workbook: Buffer): string[] {
  const names: string[] = [];
  scanTags(workbook, SHEET_TAGS, (_tag, attributes) => {
    const name = attributes.find(([attribute]) => attribute === 'name')?.[1];
    if (name) names.push(decodeName(Buffer.from(name, 'latin1').toString('utf8')));
  });
  return names;
}

function decodeName(raw: string): string {
  return raw
    .replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (entity, body: string) => {
      if (body[0] !== '#') return ENTITIES[body] ?? entity;
      const code = body[1] === 'x' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    })
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
