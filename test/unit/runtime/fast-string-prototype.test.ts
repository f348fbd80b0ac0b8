import { describe, expect, it } from 'vitest';
import { nodeScript, sourceModule } from '../../support/node-script.js';

/**
 * Whether String.prototype has fast properties at each step of a script, asked of V8 itself in a
 * process of its own (natives syntax is a flag of the process).
 */
function fastness(steps: string): Record<string, boolean> {
  const script = `
    const seen = {};
    const note = (step) => { seen[step] = %HasFastProperties(String.prototype); };
    ${steps}
    console.log(JSON.stringify(seen));`;
  return JSON.parse(nodeScript(['--allow-natives-syntax'], script)) as Record<string, boolean>;
}

describe('restoreFastStringPrototype', () => {
  it('gives String.prototype back its fast properties in a process that loaded ioredis', () => {
    const seen = fastness(`
      await import('ioredis');
      note('ioredis loaded');
      const { restoreFastStringPrototype } = await import(${JSON.stringify(sourceModule('runtime/fast-string-prototype.ts'))});
      restoreFastStringPrototype();
      note('restored');
      restoreFastStringPrototype();
      note('restored twice');`);
    // Where a later V8 or ioredis no longer leaves it slow, there is nothing to restore.
    expect(typeof seen['ioredis loaded']).toBe('boolean');
    expect(seen).toMatchObject({ restored: true, 'restored twice': true });
  });
});
