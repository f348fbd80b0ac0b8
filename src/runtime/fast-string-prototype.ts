/**
 * Puts String.prototype back into V8's fast mode, once ioredis has loaded; call it in every
 * thread that loads ioredis (or bullmq, which loads it) before it does string work.
 *
 * ioredis 6 declares `class VerbatimString extends String` (resp/verbatim-string.js). V8 answers
 * an object becoming the prototype of another by turning it into a dictionary, expecting it to be
 * filled ("prototype setup mode"), and makes it fast again only when an object inheriting from it
 * is written to, which a VerbatimString (made only for RESP3 verbatim replies) never is here. While
 * String.prototype is a dictionary, optimized code cannot inline any string method: every
 * charCodeAt, slice or indexOf in the thread became a generic lookup and call. With ioredis loaded,
 * a loop of charCodeAt ran 5 to 7 times slower, sentiment's tokens 2.3 times (7.4 instead of 3.2 µs
 * a post), and a run of a million posts took 70.7 instead of 61.8 core-seconds
 * (docs/operations.md).
 */
export function restoreFastStringPrototype(): void {
  // Writing to an object that inherits from String.prototype is what V8 waits for.
  const inheriting = Object.create(String.prototype) as { written?: boolean };
  inheriting.written = true;
}
