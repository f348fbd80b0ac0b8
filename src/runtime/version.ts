import { readFileSync } from 'node:fs';
import { inProject } from './project-root.js';

/** The package version, recorded in every manifest so that a run can be traced to the software that made it. */
export const softwareVersion: string = (
  JSON.parse(readFileSync(inProject('package.json'), 'utf8')) as { version: string }
).version;
