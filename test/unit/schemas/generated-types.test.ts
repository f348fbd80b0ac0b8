import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateSchemaTypes } from '../../../scripts/schema-types.js';

describe('src/types/contracts.ts', () => {
  it('is what `npm run schemas` makes of schemas/ (edit the schema, then regenerate)', async () => {
    const { path, text } = await generateSchemaTypes(fileURLToPath(new URL('../../..', import.meta.url)));
    expect(await readFile(path, 'utf8')).toBe(text);
  });
});
