import { parse } from 'csv-parse/sync';
import fp from 'fastify-plugin';
import { HttpError } from '../http/errors.ts';
import { decodeBody } from '../http/unstorable-text.ts';

/** CSV uploads (the team hierarchy) arrive as rows of named columns. */
export const csvBodyPlugin = fp(
  async (app) => {
    app.addContentTypeParser(
      ['text/csv', 'application/csv'],
      { parseAs: 'buffer', bodyLimit: 1024 * 1024 },
      (_request, body, done) => {
        let text: string;
        try {
          text = decodeBody(body as Buffer);
        } catch (error) {
          done(error as Error, undefined);
          return;
        }
        try {
          const rows = parse(text, {
            columns: (header: string[]) => header.map((column) => column.trim().toLowerCase()),
            skip_empty_lines: true,
            trim: true,
            bom: true,
          }) as Record<string, string>[];
          done(null, rows);
        } catch (error) {
          // The parser's own words say where, for anyone reading the API; a page says the code.
          const message = `The CSV could not be read: ${(error as Error).message}`;
          done(new HttpError(400, 'request.csv-unreadable', {}, { message }), undefined);
        }
      },
    );
  },
  { name: 'csv-body' },
);
