import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountKey } from '../../../src/aggregate/post-facts.js';
import { NetworkBuilder, writeGexf } from '../../../src/aggregate/network.js';
import { cta, facts, outline } from './facts-fixture.js';

/**
 * Fixture: two clusters joined by one broker.
 *   a and b both use #left; c and d both use #right; e (the broker) uses #left and #right.
 *   c mentions @E (the handle of e, in another case) and @nobody (not in the data); a mentions itself.
 */
function fixture() {
  const network = new NetworkBuilder();
  const posts = [
    cta('a', '2024-01-01T00:00:00Z', ['#left'], { mentions: ['a'] }),
    cta('b', '2024-01-01T00:00:00Z', ['#left'], { categories: ['share'] }),
    cta('b', '2024-01-02T00:00:00Z', ['#left']),
    cta('e', '2024-01-01T00:00:00Z', ['#left', '#right']),
    cta('c', '2024-01-01T00:00:00Z', ['#right']),
    cta('d', '2024-01-01T00:00:00Z', ['#right']),
    facts({ account: 'c', mentions: ['E', 'nobody'] }),
    facts({ account: 'c', mentions: ['e'], ctaAny: true, categories: ['donate'], targets: [] }),
  ];
  for (const p of posts) network.add(p);
  return network.build();
}

describe('the account–target–mention network', () => {
  it('has the edges written down by hand, with CTA category counts', () => {
    const { edges } = fixture();
    const summary = edges.map((e) => `${e.source} -> ${e.target} ${e.kind} posts=${e.posts} cta=${e.ctaPosts} petition=${e.categories.get('petition')} share=${e.categories.get('share')} donate=${e.categories.get('donate')}`);
    expect(summary).toEqual([
      'account:facebook:a -> target:#left cta_target posts=1 cta=1 petition=1 share=0 donate=0',
      'account:facebook:b -> target:#left cta_target posts=2 cta=2 petition=1 share=1 donate=0',
      'account:facebook:c -> account:facebook:@nobody mention posts=1 cta=0 petition=0 share=0 donate=0',
      'account:facebook:c -> account:facebook:e mention posts=2 cta=1 petition=0 share=0 donate=1',
      'account:facebook:c -> target:#right cta_target posts=1 cta=1 petition=1 share=0 donate=0',
      'account:facebook:d -> target:#right cta_target posts=1 cta=1 petition=1 share=0 donate=0',
      'account:facebook:e -> target:#left cta_target posts=1 cta=1 petition=1 share=0 donate=0',
      'account:facebook:e -> target:#right cta_target posts=1 cta=1 petition=1 share=0 donate=0',
    ]);
  });

  it('gives the broker the highest betweenness and splits the two clusters into communities', () => {
    const { nodes, accountMeasures } = fixture();
    const measure = (id: string) => accountMeasures.get(accountKey({ platform: 'facebook', accountId: id, handle: id, name: null }))!;
    expect(nodes.map((n) => `${n.id} ${n.kind}`)).toEqual([
      'account:facebook:@nobody mentioned_account',
      'account:facebook:a account',
      'account:facebook:b account',
      'account:facebook:c account',
      'account:facebook:d account',
      'account:facebook:e account',
      'target:#left target',
      'target:#right target',
    ]);
    expect(measure('e').degree).toBe(3); // #left, #right, and c (who mentions e)
    expect(measure('a').degree).toBe(1); // the self-mention is no edge
    expect(measure('a').betweenness).toBe(0);
    const others = ['a', 'b', 'c', 'd'].map((id) => measure(id).betweenness!);
    expect(measure('e').betweenness!).toBeGreaterThan(Math.max(...others));
    expect(measure('a').community).toBe(measure('b').community);
    expect(measure('c').community).toBe(measure('d').community);
    expect(measure('a').community).not.toBe(measure('d').community);
  });

  it('is the same network whatever the order of the posts (fixed seed, sorted nodes and edges)', () => {
    const first = fixture();
    const second = fixture();
    expect(second.nodes).toEqual(first.nodes);
  });

  it('writes GEXF 1.3 that an XML parser reads, with the nodes and edges', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ctacode-gexf-'));
    try {
      const path = join(dir, 'network.gexf');
      await writeGexf(path, fixture(), outline, 'test <&> "network"');
      const xml = await readFile(path, 'utf8');
      expect(xml).toContain('<gexf xmlns="http://gexf.net/1.3" version="1.3">');
      expect(xml.match(/<node /g)).toHaveLength(8);
      expect(xml.match(/<edge /g)).toHaveLength(8);
      expect(xml).toContain('test &lt;&amp;&gt; &quot;network&quot;');
      expect(xml).toContain('<edge id="3" source="account:facebook:c" target="account:facebook:e" weight="2"><attvalues><attvalue for="edge_kind" value="mention"/>');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('escapes markup and drops characters XML forbids in ids, labels and attribute values, and writes every line of a large network', async () => {
    const network = new NetworkBuilder();
    network.add(facts({ account: 'q', handle: 'Tom & "Jerry" <3', ctaAny: true, categories: ['petition'], targets: ["#it's\u0007"] }));
    network.add(facts({ account: 'r', ctaAny: true, categories: ['petition'], targets: ["#it's\u0007"] }));
    // Enough nodes for the file to be handed over in several chunks.
    for (let i = 0; i < 3000; i++) network.add(facts({ account: `bulk${i}`, mentions: [`m${i}`] }));
    const dir = await mkdtemp(join(tmpdir(), 'ctacode-gexf-'));
    try {
      const path = join(dir, 'network.gexf');
      await writeGexf(path, network.build(), outline, 'escaping');
      const xml = await readFile(path, 'utf8');
      expect(xml).toContain('label="Tom &amp; &quot;Jerry&quot; &lt;3"');
      expect(xml).toContain('<node id="target:#it&apos;s" label="#it&apos;s">');
      expect(xml).not.toContain('\u0007');
      expect(xml.match(/<node /g)).toHaveLength(2 + 1 + 3000 + 3000);
      expect(xml.match(/<edge /g)).toHaveLength(2 + 3000);
      expect(xml.endsWith('    </edges>\n  </graph>\n</gexf>\n')).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
