import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../http/errors.ts';
import { decodeBody } from '../http/unstorable-text.ts';
import { parseCsvInTurns } from '../spreadsheets/csv-in-turns.ts';

/**
 * CSV uploads outside the team import (the recipient list) arrive as rows of named columns. The team
 * routes read theirs as spreadsheets (`acceptSpreadsheets`).
 */
export const csvBodyPlugin = fp(
  async (app) => {
    app.addContentTypeParser(
      ['text/csv', 'application/csv'],
      { parseAs: 'buffer', bodyLimit: 1024 * 1024 },
      async (_request: FastifyRequest, body: Buffer) => {
        const text = decodeBody(body);
        try {
          return await parseCsvInTurns<Record<string, string>>(text, {
            columns: (header: string[]) => header.map((column) => column.trim().toLowerCase()),
            skip_empty_lines: true,
            trim: true,
            bom: true,
            // A row short of a column is the list's to name, by its row and column, rather than a
            // failure of the whole file that names neither; a field past the header's is ignored.
            relax_column_count: true,
          });
        } catch (error) {
          // The parser's own words say where, for anyone reading the API; a page says the code.
          const message = `The CSV could not be read: ${(error as Error).message}`;
          throw new HttpError(400, 'request.csv-unreadable', {}, { message });
        }
      },
    );
  },
  { name: 'csv-body' },
);
