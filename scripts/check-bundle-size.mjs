// Fails when a page an employee opens on a phone (the survey, and the results shared back with
// them) costs more than 30 KB of gzipped JavaScript, pulls in any charting code, or lacks the
// compressed copies the server sends. Reads the Vite manifest of the client build.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const LIMIT = 30 * 1024;
const root = path.resolve(import.meta.dirname, '..', 'dist', 'client');
const manifest = JSON.parse(readFileSync(path.join(root, '.vite', 'manifest.json'), 'utf8'));

const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry);
const routes = [
  { name: 'survey route', page: 'pages/survey/survey-page.tsx' },
  { name: 'results route', page: 'pages/results/results-page.tsx' },
];
if (!entry) {
  console.error('The manifest has no entry chunk.');
  process.exit(1);
}

let failed = false;
for (const route of routes) {
  const page = Object.entries(manifest).find(([source]) => source.endsWith(route.page));
  if (!page) {
    console.error(`The manifest has no chunk for ${route.page}.`);
    process.exit(1);
  }
  // Everything the route loads: the entry, the page and what they import statically.
  const files = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry[0]);
  visit(page[0]);

  let total = 0;
  for (const file of files) {
    const code = readFileSync(path.join(root, file));
    if (/chart\.js|chartjs-chart-matrix|new Chart\(/.test(code.toString()) && !file.includes('report')) {
      console.error(`${file} contains charting code; the ${route.name} must not load it.`);
      process.exit(1);
    }
    // The server sends the build's precompressed copies (client/precompress.ts); without them a
    // phone would download the plain file.
    const copies = ['br', 'gz'].map((ext) => path.join(root, `${file}.${ext}`));
    const small = code.length < 1024; // below what is worth compressing
    if (!small && !copies.every((copy) => existsSync(copy))) {
      console.error(
        `${file} has no .br and .gz copies beside it; the ${route.name} would be sent uncompressed.`,
      );
      process.exit(1);
    }
    const size = gzipSync(code).length;
    total += size;
    console.log(
      `${(size / 1024).toFixed(1).padStart(6)} KB  ${file} (${small ? 'small, sent as is' : `as sent with Brotli: ${(statSync(copies[0]).size / 1024).toFixed(1)} KB`})`,
    );
  }
  console.log(
    `${(total / 1024).toFixed(1).padStart(6)} KB  ${route.name}, gzipped (limit ${LIMIT / 1024} KB)`,
  );
  if (total > LIMIT) {
    console.error(`The ${route.name} is over its budget.`);
    failed = true;
  }
}
if (failed) process.exit(1);
