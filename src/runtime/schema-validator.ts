import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import { forgetOldest, keptFolder, keptValue } from './kept-value.js';
import { inProject } from './project-root.js';

const require = createRequire(import.meta.url);
const schemaDir = inProject('schemas');
/** The base of every schema's $id; refs between schemas are relative to it. */
const idBase = 'https://ctacode.org/schemas/';
// verbose: errors carry the offending value, which the codebook's messages quote.
const ajvOptions = { allErrors: true, strict: false, verbose: true };
const ajvVersion = (require('ajv/package.json') as { version: string }).version;
const keptPrefix = 'schemas-';

let validators: Record<string, ValidateFunction<unknown>> | undefined;

/**
 * The validators of every schema of schemas/, by file name, compiled together so that schemas can
 * refer to each other by file name. Ajv took about 0.25 s to compile them at the start of every
 * process and coding thread; the code it generates for them (Ajv's standalone code) is kept in
 * .cache by a hash of the schemas, Ajv's version and its options (keptValue), and evaluating it
 * takes about 10 ms. The kept code is what Ajv would compile, so the errors are the same.
 */
function allValidators(): Record<string, ValidateFunction<unknown>> {
  if (validators) return validators;
  const schemas = readdirSync(schemaDir)
    .filter((name) => name.endsWith('.schema.json'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(schemaDir, name), 'utf8') }));
  const hash = createHash('sha256').update(JSON.stringify([ajvVersion, ajvOptions, schemas])).digest('hex').slice(0, 32);
  const code = keptValue(join(keptFolder, `${keptPrefix}${hash}.v8`), () => {
    forgetOldest(keptFolder, keptPrefix, 1);
    return standaloneCode(schemas);
  }, (value): value is string => typeof value === 'string');
  const module = { exports: {} as Record<string, ValidateFunction<unknown>> };
  // Ajv's own compile evaluates its generated code the same way; the code requires Ajv's runtime helpers.
  new Function('module', 'exports', 'require', code)(module, module.exports, require);
  return (validators = module.exports);
}

/** Ajv's standalone module (CommonJS) of the schemas' validators, exported by file name. Ajv is loaded only here. */
function standaloneCode(schemas: readonly { name: string; text: string }[]): string {
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as { Ajv2020: new (options: object) => Ajv2020 };
  const { default: moduleCode } = require('ajv/dist/standalone/index.js') as { default: (ajv: Ajv2020, refs: Record<string, string>) => string };
  const ajv = new Ajv({ ...ajvOptions, code: { source: true } });
  for (const { text } of schemas) ajv.addSchema(JSON.parse(text) as object);
  return moduleCode(ajv, Object.fromEntries(schemas.map(({ name }) => [name, idBase + name])));
}

/** The compiled validator of one schema of schemas/ (by file name), for callers that word errors themselves. */
export function compiledSchema<T>(schemaFile: string): ValidateFunction<T> {
  const validate = allValidators()[schemaFile];
  if (!validate) throw new Error(`schemas/${schemaFile} is missing`);
  return validate as ValidateFunction<T>;
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
