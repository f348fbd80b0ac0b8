import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inProject, projectRoot } from '../../../src/runtime/project-root.js';
import { runsCompiled, threadEntry } from '../../../src/runtime/runs-compiled.js';

describe('where ctacode finds its own files', () => {
  it('finds the folder of its package.json from the sources', () => {
    expect((JSON.parse(readFileSync(inProject('package.json'), 'utf8')) as { name: string }).name).toBe('ctacode');
    expect(inProject('codebooks', 'cta-v1.yaml')).toBe(`${projectRoot}/codebooks/cta-v1.yaml`);
  });

  it('starts threads of the sources through their tsx entries', () => {
    expect(runsCompiled).toBe(false);
    expect(threadEntry('coding-thread', 'file:///x/src/queue/coding-threads.ts').href).toBe('file:///x/src/queue/coding-thread.mjs');
  });
});
