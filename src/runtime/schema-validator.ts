import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { join } from 'node:path';
import { inProject } from './project-root.js';

const schemaDir = inProject('schemas');
/** The base of every schema's $id; refs between schemas are relative to it. */
const idBase = 'https://ctacode.org/schemas/';
let ajv: Ajv2020 | undefined;

/** One Ajv for all of schemas/, so that schemas can refer to each other by file name. */
function sharedAjv(): Ajv2020 {
  if (!ajv) {
    // verbose: errors carry the offending value, which the codebook's messages quote.
    ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
    for (const name of readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json'))) {
      ajv.addSchema(JSON.parse(readFileSync(join(schemaDir, name), 'utf8')) as object);
    }
  }
  return ajv;
}

/** The compiled validator of one schema of schemas/ (by file name), for callers that word errors themselves. */
export function compiledSchema<T>(schemaFile: string): ValidateFunction<T> {
  const validate = sharedAjv().getSchema<T>(idBase + schemaFile);
  if (!validate) throw new Error(`schemas/${schemaFile} is missing`);
  return validate;
}

/**
 * A validator for one schema of schemas/: returns the problems, each as `<path in the document>:
 * <what is wrong>`, or an empty list.
 */
export function schemaValidator<T>(schemaFile: string): (value: unknown) => string[] {
  return (value: unknown) => {
    const validate = compiledSchema<T>(schemaFile);
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => {
      const where = e.instancePath || '/';
      const extra = e.keyword === 'additionalProperties' ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"` : e.keyword === 'enum' ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : '';
      return `${where}: ${e.message ?? 'is not valid'}${extra}`;
    });
  };
}
