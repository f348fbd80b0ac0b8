import { readFile } from 'node:fs/promises';
import type { ColumnMapping } from '../types/contracts.js';
import { schemaValidator } from '../runtime/schema-validator.js';

export class MappingError extends Error {
  override name = 'MappingError';
}

const validateMapping = schemaValidator<ColumnMapping>('column-mapping.schema.json');

/** Reads and checks a --mapping file; errors name the file and the place in it. */
export async function loadMapping(path: string): Promise<ColumnMapping> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new MappingError(`${path}: not a readable JSON file: ${(error as Error).message}`);
  }
  const problems = validateMapping(parsed);
  if (problems.length > 0) throw new MappingError(`${path}: ${problems.join('; ')} (see docs/formats.md for the mapping file)`);
  return parsed as ColumnMapping;
}
