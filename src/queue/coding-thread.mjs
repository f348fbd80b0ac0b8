// Entry of a coding thread (see coding-threads.ts) when ctacode runs its TypeScript: worker threads
// do not inherit the tsx loader that bin/ctacode.js (or a test runner) set up in the main thread, so
// this plain-JS entry registers it and then loads the TypeScript (compiled, coding-thread.js is the
// thread's entry itself).
import { register } from 'tsx/esm/api';

register();
await import('./coding-thread.ts');
