import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { evalCommand } from '../../../src/cli/eval-command.js';
import { loadCodebook } from '../../../src/codebook/load-codebook.js';
import type { CompiledCodebook } from '../../../src/codebook/compiled-codebook.js';
import { evaluateCoding } from '../../../src/eval/evaluate-coding.js';
import { formatCodingReport } from '../../../src/eval/format-report.js';
import { parseLabelledCsv } from '../../../src/eval/labelled-file.js';

// The small codebook of docs/codebook.md: its own examples are checked when it loads, so these
// texts are known to be coded (positive examples) or not (negative examples).
const codebookYaml = `
id: petitions-only
version: 1.0.0
title: Petition calls
languages: [en]
functions:
  - { id: mobilisation, label: Mobilisation, definition: The audience is asked to act. }
rules:
  en:
    lead: [please, now, <mention>, <emoji>]
    coordination: { words: [and, ","] }
    frames:
      - { id: imperative, type: clause-start, not_followed_by: [is, was, has] }
      - { id: hortative, type: before-action, phrases: ["let's", we must] }
      - { id: negated-call, type: block, phrases: ["you don't need to"] }
categories:
  - id: petition
    label: Petition
    function: mobilisation
    definition: The audience is asked to sign a petition.
    cues:
      en:
        actions: [sign, sign ... petition*, add your name]
      any:
        domains: [change.org]
    exclude:
      en:
        phrases: [sign in, sign language]
    examples:
      en:
        positive: [Please sign the petition!, "Let's sign it", "Sign here: change.org/p/x"]
        negative: [I signed it., Sign in to continue., "You don't need to sign it."]
`;

// Labels chosen against the known codes: TP, FP, FN, TN, TN
const labelledCsv = `id,lang,text,petition
1,en,Please sign the petition!,1
2,en,Let's sign it,0
3,en,I signed it.,1
4,en,Sign in to continue.,0
5,en,You don't need to sign it.,0
`;

let dir: string;
let codebookFile: string;
let csvFile: string;
let codebook: CompiledCodebook;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctacode-eval-'));
  codebookFile = join(dir, 'petitions.yaml');
  csvFile = join(dir, 'labelled.csv');
  await writeFile(codebookFile, codebookYaml);
  await writeFile(csvFile, labelledCsv);
  codebook = (await loadCodebook(codebookFile)).compiled;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('evaluateCoding', () => {
  it('counts TP, FP, FN, TN per category and for any CTA', () => {
    const evaluation = evaluateCoding(parseLabelledCsv(csvFile, labelledCsv, ['petition'], { lang: 'lang' }), codebook);
    expect(evaluation.posts).toBe(5);
    expect(evaluation.categories['petition']).toMatchObject({ tp: 1, fp: 1, fn: 1, tn: 2, precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(evaluation.ctaAny).toMatchObject({ tp: 1, fp: 1, fn: 1, tn: 2 });
    expect(evaluation.ctaAnyLabelled).toBe(false);
    expect(evaluation.averages!.micro.f1).toBe(0.5);
    expect(evaluation.averages!.macro).toMatchObject({ f1: 0.5, categories: 1 });
    expect(evaluation.confusions).toEqual([
      { labelled: '(none)', coded: 'petition', n: 1 },
      { labelled: 'petition', coded: '(none)', n: 1 },
    ]);
    expect(evaluation.miscoded.map((m) => m.id)).toEqual(['2', '3']);
    expect(Object.keys(evaluation.byLanguage)).toEqual(['en']);
  });

  it('evaluates a single yes/no column as cta_any', () => {
    const csv = 'id,text,c2a\n1,Please sign the petition!,TRUE\n2,I signed it.,TRUE\n3,Sign in to continue.,FALSE\n';
    const evaluation = evaluateCoding(parseLabelledCsv('c2a.csv', csv, ['petition'], { labels: ['c2a'], fixedLang: 'en' }), codebook);
    expect(evaluation.averages).toBeNull();
    expect(evaluation.ctaAny).toMatchObject({ tp: 1, fp: 0, fn: 1, tn: 1, f1: 2 / 3 });
    expect(evaluation.confusions).toEqual([{ labelled: 'cta_any', coded: '(none)', n: 1 }]);
  });

  it('prints a report with the figures', () => {
    const report = formatCodingReport(evaluateCoding(parseLabelledCsv(csvFile, labelledCsv, ['petition'], { lang: 'lang' }), codebook), { errors: 1 });
    expect(report).toMatch(/petition\s+2\s+1\s+1\s+1\s+2\s+0\.500\s+0\.500\s+0\.500/);
    expect(report).toContain('micro average');
    expect(report).toContain('petition → (none)');
    expect(report).toContain('line 3 [en]');
  });
});

describe('ctacode eval', () => {
  it('prints JSON with --json', async () => {
    const chunks: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      chunks.push(String(chunk));
      return true;
    });
    try {
      const code = await evalCommand(csvFile, { textCol: 'text', langCol: 'lang', codebook: codebookFile, json: true, confusions: 10, errors: 0 });
      expect(code).toBe(0);
    } finally {
      write.mockRestore();
    }
    const json = JSON.parse(chunks.join('')) as { posts: number; codebook: { id: string; sha256: string }; categories: Record<string, { f1: number }>; miscoded: unknown[] };
    expect(json.posts).toBe(5);
    expect(json.codebook.id).toBe('petitions-only');
    expect(json.codebook.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(json.categories['petition']!.f1).toBe(0.5);
    expect(json.miscoded).toEqual([]);
  });
});
