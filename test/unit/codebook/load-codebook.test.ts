import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { CodebookError } from '../../../src/codebook/codebook-error.js';
import { compileCodebook } from '../../../src/codebook/compile-codebook.js';
import { loadCodebook } from '../../../src/codebook/load-codebook.js';
import { projectRoot } from '../../../src/runtime/project-root.js';
import type { Codebook } from '../../../src/types/contracts.js';

const defaultPath = fileURLToPath(new URL('../../../codebooks/cta-v1.yaml', import.meta.url));
let folder: string;
let ctaV1: Codebook;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ctacode-codebook-'));
  ctaV1 = parse(await readFile(defaultPath, 'utf8')) as Codebook;
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Writes `text` to a file of the test folder and loads it, expecting a CodebookError. */
async function loadError(text: string): Promise<CodebookError> {
  const file = join(folder, `codebook-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, text);
  const error = await loadCodebook(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CodebookError);
  return error as CodebookError;
}

/** cta-v1 with a change, as YAML. */
function changed(change: (codebook: Codebook) => void): string {
  const copy = structuredClone(ctaV1);
  change(copy);
  return stringify(copy);
}

describe('cta-v1', () => {
  it('loads, with its exact text and hash, and passes its own examples', async () => {
    const loaded = await loadCodebook();
    const text = await readFile(defaultPath, 'utf8');
    expect(loaded.file).toBe(defaultPath);
    expect(loaded.text).toBe(text);
    expect(loaded.sha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect(loaded.document.id).toBe('cta-v1');
    expect(loaded.compiled).toMatchObject({ id: 'cta-v1', version: '2.0.0', languages: ['en', 'de', 'da', 'es', 'fr', 'nl'] });
  });

  it('has the four functions and thirteen categories of the design, in order, then other for any other specific action', async () => {
    const { compiled } = await loadCodebook();
    expect(compiled.functions.map((f) => f.id)).toEqual(['mobilisation', 'interaction', 'information', 'commercial', 'other']);
    expect(compiled.categories.map((c) => `${c.function}/${c.id}`)).toEqual([
      'mobilisation/vote',
      'mobilisation/protest',
      'mobilisation/petition',
      'mobilisation/contact',
      'mobilisation/donate',
      'mobilisation/volunteer',
      'mobilisation/boycott',
      'interaction/share',
      'interaction/engage',
      'interaction/follow',
      'interaction/support',
      'information/inform',
      'commercial/purchase',
      'other/other',
    ]);
    for (const category of compiled.categories) {
      expect(category.label).not.toBe('');
      expect(category.definition).not.toBe('');
    }
  });

  it('gives every category at least 4 positive and 3 negative examples in English, and 3 and 3 in the other languages', () => {
    for (const category of ctaV1.categories) {
      expect(category.examples?.en?.positive?.length, category.id).toBeGreaterThanOrEqual(4);
      expect(category.examples?.en?.negative?.length, category.id).toBeGreaterThanOrEqual(3);
      for (const lang of ['de', 'da', 'es', 'fr', 'nl']) {
        expect(category.examples?.[lang]?.positive?.length, `${category.id} ${lang}`).toBeGreaterThanOrEqual(3);
        expect(category.examples?.[lang]?.negative?.length, `${category.id} ${lang}`).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('has actions, rules and word lists in all six languages', () => {
    for (const lang of ['en', 'de', 'da', 'es', 'fr', 'nl']) {
      expect(ctaV1.rules?.[lang]?.frames.map((f) => f.id), lang).toEqual(expect.arrayContaining(['imperative', 'hortative', 'deontic', 'inviting-question', 'action-link', 'negated-call']));
      for (const category of ctaV1.categories) expect(category.cues[lang]?.actions?.length, `${category.id} ${lang}`).toBeGreaterThan(0);
    }
  });
});

it('loads the small codebook of docs/codebook.md', async () => {
  const docs = await readFile(fileURLToPath(new URL('../../../docs/codebook.md', import.meta.url)), 'utf8');
  const yaml = /## A small codebook\n\n```yaml\n([\s\S]*?)```/.exec(docs)?.[1];
  const file = join(folder, 'small.yaml');
  await writeFile(file, yaml ?? '');
  const { compiled } = await loadCodebook(file);
  expect(compiled.categories.map((c) => c.id)).toEqual(['petition']);
});

describe('loading a codebook again', () => {
  it('reuses what was compiled for the same bytes, whatever the path, and compiles other bytes anew', async () => {
    const first = await loadCodebook();
    const copy = join(folder, 'copy-of-cta-v1.yaml');
    await writeFile(copy, first.text);
    const again = await loadCodebook(copy);
    expect(again.file).toBe(copy);
    expect(again.sha256).toBe(first.sha256);
    expect(again.compiled).toBe(first.compiled);

    // The same path with other bytes is another codebook.
    await writeFile(copy, first.text.replace(/^version: .*$/m, 'version: 9.9.9'));
    const edited = await loadCodebook(copy);
    // Not `.not.toBe`: vitest prints both compiled codebooks into its message even when it passes (30 s).
    expect(edited.compiled === first.compiled).toBe(false);
    expect(edited.compiled.version).toBe('9.9.9');
    expect(edited.sha256).not.toBe(first.sha256);
  });

  it('keeps the parsed YAML for the next process, by the bytes, and never a file with a syntax error', async () => {
    const keptFor = (text: string) => join(projectRoot, '.cache', `codebook-${createHash('sha256').update(text).digest('hex').slice(0, 32)}-yaml-`);
    const isKept = (text: string) => readdirSync(join(projectRoot, '.cache')).some((name) => join(projectRoot, '.cache', name).startsWith(keptFor(text)));
    const text = `${(await loadCodebook()).text}\n# kept ${Math.random()}\n`;
    const file = join(folder, 'kept.yaml');
    await writeFile(file, text);
    const loaded = await loadCodebook(file);
    expect(isKept(text)).toBe(true);
    expect(loaded.document).toEqual(parse(text));

    const broken = 'id: x\ncategories: [a, b\n';
    await loadError(broken);
    expect(isKept(broken)).toBe(false);
  });

  it('checks a broken codebook every time it is loaded', async () => {
    const file = join(folder, 'broken-twice.yaml');
    await writeFile(file, changed((c) => (c.categories[3]!.function = 'mobilization')));
    for (let i = 0; i < 2; i++) await expect(loadCodebook(file)).rejects.toBeInstanceOf(CodebookError);
  });
});

describe('codebook errors', () => {
  it('gives the line and column of a YAML syntax error', async () => {
    const error = await loadError('id: x\ncategories: [a, b\nversion: 1.0.0\n');
    expect(error.message).toMatch(/codebook-\w+\.yaml: line 3, column 1: YAML syntax: /);
  });

  it('names the path of a schema violation and what is wrong', async () => {
    const error = await loadError(
      changed((c) => {
        (c.categories[2] as unknown as Record<string, unknown>).treshold = 2;
        delete (c.functions[1] as Partial<Codebook['functions'][0]>).definition;
        c.categories[0]!.cues.en!.actions![1] = 3 as never;
      }),
    );
    expect(error.message.split('\n')).toEqual([
      expect.stringMatching(/\.yaml: \/functions\/1: missing "definition"$/),
      expect.stringMatching(/\.yaml: \/categories\/0\/cues\/en\/actions\/1: must be text or a mapping \(key: value\)$/),
      expect.stringMatching(/\.yaml: \/categories\/2\/treshold: "treshold" is not allowed here \(allowed: id, label, function, parent, definition, threshold, cues, exclude, examples\)$/),
    ]);
  });

  it('names an unknown function and the ones there are', async () => {
    const error = await loadError(changed((c) => (c.categories[3]!.function = 'mobilization')));
    expect(error.message).toMatch(
      /\.yaml: \/categories\/3\/function: "mobilization" is not a function id \(mobilisation, interaction, information, commercial, other\)$/,
    );
    expect(error.problems).toEqual([{ path: '/categories/3/function', message: expect.any(String) }]);
  });

  it('reports duplicate ids, unknown languages and unknown frames', () => {
    const document = structuredClone(ctaV1);
    document.categories[1]!.id = 'vote';
    document.categories[0]!.cues.it = { actions: ['votate'] };
    document.categories[6]!.cues.en!.actions!.push({ cue: 'skip', only_with: ['negative'] });
    expect(() => compileCodebook(document)).toThrowError(
      [
        '/categories/1/id: "vote" is already the id of category 0',
        '/categories/0/cues/it: "it" is not one of the codebook\'s languages (en, de, da, es, fr, nl, any)',
        `/categories/6/cues/en/actions/${document.categories[6]!.cues.en!.actions!.length - 1}/only_with/0: "negative" is not a frame of en (imperative, hortative, deontic, inviting-question, negative-directive, negative-deontic, action-link, negated-call)`,
      ].join('\n'),
    );
  });

  it('reports cues and regular expressions that do not compile', () => {
    const document = structuredClone(ctaV1);
    document.categories[0]!.cues.en!.actions!.push('sign ... <petitions>', '... vote');
    document.categories[12]!.cues.en!.regex = ['(unclosed'];
    const actions = document.categories[0]!.cues.en!.actions!.length;
    const regexes = document.categories[12]!.cues.en!.regex.length;
    const error = (() => {
      try {
        compileCodebook(document);
      } catch (e) {
        return e as CodebookError;
      }
      throw new Error('compiled');
    })();
    expect(error.problems).toEqual([
      { path: `/categories/0/cues/en/actions/${actions - 2}`, message: expect.stringMatching(/^<petitions> is neither a token kind nor a word list of this language \(<number>, .*<documents>/) },
      { path: `/categories/0/cues/en/actions/${actions - 1}`, message: '"... vote" starts with a gap' },
      { path: `/categories/12/cues/en/regex/${regexes - 1}`, message: expect.stringContaining('Invalid regular expression') },
    ]);
  });

  it('names the category, the example, what was expected and what was found', async () => {
    const error = await loadError(
      changed((c) => {
        c.categories[4]!.examples!.en!.positive!.push('Please share our fundraiser');
        c.categories[4]!.examples!.en!.negative!.push('Donate today!');
      }),
    );
    expect(error.message.split('\n')).toEqual([
      expect.stringMatching(
        /\.yaml: \/categories\/4\/examples\/en\/positive\/5: category "donate" should be coded in "Please share our fundraiser" but is not; found: share by imperative "Please share" \(cue "share"\)$/,
      ),
      expect.stringMatching(
        /\.yaml: \/categories\/4\/examples\/en\/negative\/4: category "donate" should not be coded in "Donate today!" but is: donate by imperative "Donate" \(cue "donate"\)$/,
      ),
    ]);
  });

  it('says when the file cannot be read', async () => {
    await expect(loadCodebook(join(folder, 'missing.yaml'))).rejects.toThrow(/missing\.yaml: cannot be read \(ENOENT\)/);
  });
});
