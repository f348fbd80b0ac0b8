// Entry of the link thread (see start-link-thread.ts). Worker threads do not inherit the tsx loader
// of the main thread, so this plain-JS entry registers it and then loads the TypeScript.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { serveLinkTables } = await import('./link-thread.ts');
serveLinkTables(parentPort);
