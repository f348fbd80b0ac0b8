/**
 * Writes src/types/contracts.ts from schemas/*.schema.json, so that the JSON Schemas stay the one
 * source of the data contracts. Run `npm run schemas` after editing a schema; a unit test fails
 * when the generated file is stale.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generateSchemaTypes } from './schema-types.js';

const { path, text } = await generateSchemaTypes(fileURLToPath(new URL('..', import.meta.url)));
await writeFile(path, text);
console.log(`wrote ${path}`);
