import { parentPort } from 'node:worker_threads';
import { serveLinkTables } from './link-thread.js';

// The link thread (see start-link-thread.ts): builds the tables of the one request it gets.
serveLinkTables(parentPort!);
