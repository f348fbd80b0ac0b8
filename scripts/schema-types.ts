import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { compile } from 'json-schema-to-typescript';

const banner = '/* Generated from schemas/ by `npm run schemas`: edit the schema, not this file. */';

/** Path and text of src/types/contracts.ts: one interface per schema (and per named $def). */
export async function generateSchemaTypes(root: string): Promise<{ path: string; text: string }> {
  const schemaDir = join(root, 'schemas');
  const names = (await readdir(schemaDir)).filter((f) => f.endsWith('.schema.json')).sort();
  // One root that refers to every schema, so that a type referenced by several schemas is declared once.
  const rootSchema = {
    title: 'Contracts',
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(names.map((n) => [n, { $ref: n }])),
  };
  const text = await compile(rootSchema as never, 'Contracts', {
    cwd: schemaDir,
    bannerComment: banner,
    additionalProperties: false,
    format: true,
    style: { singleQuote: true, printWidth: 100 },
  });
  // The root exists only to pull the schemas in; drop its interface.
  const withoutRoot = text.replace(/export interface Contracts \{[\s\S]*?\n\}\n/, '');
  return { path: join(root, 'src', 'types', 'contracts.ts'), text: withoutRoot };
}
