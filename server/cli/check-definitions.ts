import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { questionnaireDefinitionSchema } from '../domain/questionnaire/definition-schema.ts';
import { surveyDefinitionsDir } from '../paths.ts';
import { formatProblem, loadDefinitions } from '../questionnaires/load-definitions.ts';

// Usage: npm run definitions:check [-- --dir <folder>] [-- --write-schema]
const args = process.argv.slice(2);
const dirIndex = args.indexOf('--dir');
const folder = dirIndex >= 0 && args[dirIndex + 1] ? path.resolve(args[dirIndex + 1]!) : surveyDefinitionsDir;
const schemaFile = path.join(surveyDefinitionsDir, 'definition.schema.json');
const schemaText = `${JSON.stringify(z.toJSONSchema(questionnaireDefinitionSchema, { io: 'input' }), null, 2)}\n`;

// Compared as data, so formatting the file does not make it stale.
async function schemaIsCurrent(): Promise<boolean> {
  const onDisk = await readFile(schemaFile, 'utf8').catch(() => '');
  try {
    return JSON.stringify(JSON.parse(onDisk)) === JSON.stringify(JSON.parse(schemaText));
  } catch {
    return false;
  }
}

let failed = false;
if (args.includes('--write-schema')) {
  await writeFile(schemaFile, schemaText);
  console.log(`Wrote ${path.relative(process.cwd(), schemaFile)}`);
} else if (!(await schemaIsCurrent())) {
  console.error(
    `${path.relative(process.cwd(), schemaFile)} is out of date: run npm run definitions:check -- --write-schema`,
  );
  failed = true;
}

const { definitions, problems } = await loadDefinitions(folder);
for (const problem of problems) console.error(formatProblem(problem));
if (problems.length > 0) failed = true;
else {
  for (const { file, definition } of definitions) {
    console.log(`ok  ${file}  ${definition.items.length} items, locales ${definition.locales.join(', ')}`);
  }
}
process.exit(failed ? 1 : 0);
