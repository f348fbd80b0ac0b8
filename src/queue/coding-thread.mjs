// Entry of a coding thread (see coding-threads.ts). Worker threads do not inherit the tsx loader that
// bin/ctacode.js (or a test runner) set up in the main thread, so this plain-JS entry registers it
// and then loads the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./coding-thread.ts');
