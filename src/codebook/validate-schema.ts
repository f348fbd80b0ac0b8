import type { ErrorObject } from 'ajv/dist/2020.js';
import { compiledSchema } from '../runtime/schema-validator.js';
import type { Codebook } from '../types/contracts.js';
import type { CodebookProblem } from './codebook-error.js';

const validate = compiledSchema<Codebook>('codebook.schema.json');

/** Problems with the document's shape, worded for someone editing YAML; none when it fits the schema. */
export function schemaProblems(document: unknown): CodebookProblem[] {
  if (validate(document)) return [];
  const errors = withoutBranchNoise(validate.errors ?? []);
  const problems = errors.map(toProblem).filter((problem) => problem !== null);
  return problems.filter((problem, i) => problems.findIndex((p) => p.path === problem.path && p.message === problem.message) === i);
}

/**
 * `oneOf` and `if` report every branch that failed. Keep the errors of the branches whose type
 * fits the value (a cue given as a mapping gets the mapping's errors); where none fits, the
 * `oneOf` error itself says which types are allowed.
 */
function withoutBranchNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  for (const oneOf of errors.filter((e) => e.keyword === 'oneOf')) {
    const branches = errors.filter((e) => e.schemaPath.startsWith(`${oneOf.schemaPath}/`) && within(e.instancePath, oneOf.instancePath));
    const wrongType = new Set(
      branches.filter((e) => e.keyword === 'type' && e.instancePath === oneOf.instancePath).map((e) => branchOf(oneOf, e)),
    );
    const fitting = branches.filter((e) => !wrongType.has(branchOf(oneOf, e)));
    if (fitting.length > 0) dropped.add(oneOf);
    for (const e of branches) if (!fitting.includes(e)) dropped.add(e);
  }
  return errors.filter((e) => !dropped.has(e) && e.keyword !== 'if');
}

function within(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}/`);
}

function branchOf(oneOf: ErrorObject, error: ErrorObject): string {
  return error.schemaPath.slice(oneOf.schemaPath.length + 1).split('/')[0]!;
}

const typeNames: Readonly<Record<string, string>> = {
  string: 'text',
  array: 'a list',
  object: 'a mapping (key: value)',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
};

function toProblem(error: ErrorObject): CodebookProblem | null {
  const params = error.params as Record<string, unknown>;
  const path = error.propertyName === undefined ? error.instancePath : `${error.instancePath}/${error.propertyName}`;
  const value = error.propertyName ?? error.data;
  switch (error.keyword) {
    case 'required':
      return { path: error.instancePath, message: `missing "${String(params.missingProperty)}"` };
    case 'additionalProperties': {
      const allowed = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      return { path: `${error.instancePath}/${String(params.additionalProperty)}`, message: `"${String(params.additionalProperty)}" is not allowed here (allowed: ${allowed.join(', ')})` };
    }
    case 'propertyNames':
      return null;
    case 'false schema':
      return { path, message: 'is not allowed here' };
    case 'enum':
      return { path, message: `${JSON.stringify(value)} is not one of ${(params.allowedValues as unknown[]).join(', ')}` };
    case 'type':
      return { path, message: `must be ${describeTypes(params.type)}` };
    case 'oneOf':
      return { path, message: `must be ${describeTypes((error.schema as { type?: string }[]).map((branch) => branch.type))}` };
    case 'pattern': {
      const description = (error.parentSchema as { description?: string }).description;
      return { path, message: `${JSON.stringify(value)} does not match ${String(params.pattern)}${description === undefined ? '' : ` (${description})`}` };
    }
    case 'minItems':
      return { path, message: `must have at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}` };
    case 'minLength':
      return { path, message: 'must not be empty' };
    case 'uniqueItems':
      return { path, message: `has the same item twice (items ${String(params.j)} and ${String(params.i)})` };
    default:
      return { path, message: error.message ?? error.keyword };
  }
}

function describeTypes(types: unknown): string {
  const list = (Array.isArray(types) ? types : [types]).map((t) => typeNames[String(t)] ?? String(t));
  return list.join(' or ');
}
