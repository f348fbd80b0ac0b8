import { readFileSync } from 'node:fs';

/** The package version, recorded in every manifest so that a run can be traced to the software that made it. */
export const softwareVersion: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
