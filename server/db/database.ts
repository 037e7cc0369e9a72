/**
 * The one Database interface Kysely is typed with. Each area of the product keeps its
 * table types in its own file under `tables/` and is listed here.
 */
// biome-ignore lint/suspicious/noEmptyInterface: areas extend this as they add tables.
export interface Database {}
