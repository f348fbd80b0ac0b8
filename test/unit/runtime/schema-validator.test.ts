import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { keptFolder } from '../../../src/runtime/kept-value.js';
import { inProject } from '../../../src/runtime/project-root.js';
import { compiledSchema } from '../../../src/runtime/schema-validator.js';

/** What Ajv compiles from schemas/ itself, with the options schema-validator.ts gives it. */
function compiledByAjv(schemaFile: string) {
  const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
  const dir = inProject('schemas');
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.schema.json'))) ajv.addSchema(JSON.parse(readFileSync(join(dir, name), 'utf8')) as object);
  return ajv.getSchema(`https://ctacode.org/schemas/${schemaFile}`)!;
}

describe('schema validators', () => {
  it('judge documents as Ajv compiling the schemas does, with the same errors', () => {
    const codebook = parse(readFileSync(inProject('codebooks', 'cta-v1.yaml'), 'utf8')) as Record<string, unknown>;
    const broken = structuredClone(codebook) as { categories: Record<string, unknown>[]; functions?: unknown };
    broken.categories[0]!.threshold = 'high';
    broken.categories[1]!.cues = 5;
    delete broken.functions;
    const mapping = { columns: { text: 7 }, delimiter: ';;' };
    for (const [schemaFile, documents] of [['codebook.schema.json', [codebook, broken, {}, null]], ['column-mapping.schema.json', [mapping, {}]]] as const) {
      const kept = compiledSchema(schemaFile);
      const ajv = compiledByAjv(schemaFile);
      for (const document of documents) {
        expect(kept(document)).toBe(ajv(document));
        expect(kept.errors ?? null).toEqual(ajv.errors ?? null);
      }
    }
  });

  it('keep the code Ajv generates for them in .cache, for the next process', () => {
    compiledSchema('codebook.schema.json');
    expect(readdirSync(keptFolder).filter((name) => name.startsWith('schemas-') && name.endsWith('.v8')).length).toBeGreaterThan(0);
  });

  it('say which schema is missing', () => {
    expect(() => compiledSchema('nope.schema.json')).toThrow('schemas/nope.schema.json is missing');
  });
});
