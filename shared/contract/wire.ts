import type { z } from 'zod';

/**
 * A value as it crosses the wire: what `JSON.stringify` makes of it. Dates become ISO strings;
 * everything else keeps its shape (tuples stay tuples, optional fields stay optional).
 */
export type Json<T> = T extends Date
  ? string
  : T extends (...args: never[]) => unknown
    ? never
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

/** What a client receives from a route whose response status declares `S`. */
export type Received<S extends z.ZodType> = Json<z.output<S>>;

/** What a client may send as a body or query that the route validates with `S`. */
export type Sent<S extends z.ZodType> = z.input<S>;
