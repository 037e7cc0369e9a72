import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readDelimitedText } from '../domain/hierarchy/delimited-text.ts';
import type { Spreadsheet } from '../domain/hierarchy/team-file.ts';
import { invalidField, unreadableFile } from '../http/errors.ts';
import { decodeBody } from '../http/unstorable-text.ts';
import { readXlsx, UnreadableSpreadsheetError, XLSX_TYPE } from '../spreadsheets/xlsx-file.ts';

const CSV_TYPES = ['text/csv', 'application/csv', 'text/tab-separated-values'];
const utf16 = new TextDecoder('utf-16le', { fatal: true });

/**
 * A spreadsheet's text: UTF-8 with or without a byte-order mark, or UTF-16 with its mark (what
 * Excel's "Unicode text" writes). Anything else is refused rather than read with wrong letters.
 */
function spreadsheetText(body: Buffer): string {
  if (body[0] === 0xff && body[1] === 0xfe) {
    try {
      return utf16.decode(body.subarray(2));
    } catch {
      throw invalidField('body', 'request.not-utf16');
    }
  }
  return decodeBody(body);
}

const unreadable = (message: string) => unreadableFile({ field: 'body', message });

/**
 * Within one routes plugin (Fastify scopes parsers to it), CSV and `.xlsx` bodies arrive as a
 * `Spreadsheet`: rows of text cells per sheet, already read, so the routes and the checks after
 * them never see bytes. Files larger than `bodyLimit` are refused with 413 while they stream in.
 */
export function acceptSpreadsheets(app: FastifyInstance, bodyLimit: number): void {
  if (app.hasContentTypeParser('text/csv')) app.removeContentTypeParser(['text/csv', 'application/csv']);
  app.addContentTypeParser(
    CSV_TYPES,
    { parseAs: 'buffer', bodyLimit },
    async (_request: FastifyRequest, body: Buffer) => {
      const read = await readDelimitedText(spreadsheetText(body));
      if (!read.ok) throw unreadableFile(read.problem);
      const spreadsheet: Spreadsheet = { format: 'csv', sheets: [{ name: '', rows: read.rows }] };
      return spreadsheet;
    },
  );
  app.addContentTypeParser(
    XLSX_TYPE,
    { parseAs: 'buffer', bodyLimit },
    async (request: FastifyRequest, body: Buffer) => {
      // Only the sheet the import asks for (`?sheet=`, the first otherwise) is read from the file.
      const sheet = (request.query as { sheet?: unknown } | undefined)?.sheet;
      try {
        const spreadsheet: Spreadsheet = {
          format: 'xlsx',
          sheets: await readXlsx(body, typeof sheet === 'string' ? sheet : undefined),
        };
        return spreadsheet;
      } catch (error) {
        if (error instanceof UnreadableSpreadsheetError) throw unreadable(error.message);
        throw error;
      }
    },
  );
}
