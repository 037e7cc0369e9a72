import { fileURLToPath } from 'node:url';

/**
 * The project root, whether this module runs from `server/` (tsx, tests) or from
 * `dist/server/` (the compiled build): files the server reads at run time live here.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
export const projectRoot = here.includes('/dist/')
  ? fileURLToPath(new URL('../../', import.meta.url))
  : fileURLToPath(new URL('../', import.meta.url));
export const clientBuildDir = `${projectRoot}dist/client`;
export const surveyDefinitionsDir = `${projectRoot}survey-definitions`;
