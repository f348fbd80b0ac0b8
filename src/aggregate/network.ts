import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import type { AccountNetworkMeasures } from './account-table.js';
import type { CodebookOutline } from './coded-post-columns.js';
import { accountKey, type PostFacts } from './post-facts.js';
import { targetType } from './alliance-table.js';
import { betweennessCentrality } from './betweenness.js';
import { FewCounts } from './few-counts.js';
import type { SharedTargets } from './shared-targets.js';
import { neutraliseFormula, type TableColumn } from './table-column.js';
import { writeTableFile } from './write-csv.js';
import { commonJsDefault } from '../runtime/commonjs-default.js';
import type { FileDigest } from '../runtime/hash-file.js';
import { compareText } from '../runtime/compare-text.js';
import { sixSignificantDigits } from '../runtime/six-significant-digits.js';

/**
 * The account–target–mention network: an edge from an account to each CTA target of its CTA
 * posts (in a run: each target that two or more accounts used; a target of one account alone
 * connects nothing and would, in a large dataset, be most of the nodes), and from an account to each account it mentions (in any post), with post counts per CTA
 * category on the edges. Aggregated per (account, target) and (account, mention) pair as posts
 * stream past. A mention becomes an edge to the account of that handle on the same platform where
 * the data has one, else to a node of its own (kind mentioned_account).
 */
export type NodeKind = 'account' | 'target' | 'mentioned_account';

export interface NetworkNode {
  id: string;
  label: string;
  kind: NodeKind;
  /** Account: platform; target: its type (petition_page, hashtag …). */
  platform: string;
  targetType: string;
  posts: number;
  ctaPosts: number;
  degree: number;
  betweenness: number | null;
  community: number | null;
}

export interface NetworkEdge {
  source: string;
  target: string;
  kind: 'cta_target' | 'mention';
  posts: number;
  ctaPosts: number;
  categories: FewCounts;
}

/** Betweenness is exact (Brandes, time ∝ nodes × edges); where nodes × edges is above this it is left empty (at the limit about 7 s of one core, and the time grows with the square of the network). */
export const betweennessWorkLimit = 200_000_000;

interface AccountNode {
  node: NetworkNode;
  accountKey: string;
  /** The last handle registered for the account: most posts repeat it, and then there is nothing to normalise or register. */
  lastHandle: string | null;
  /**
   * The account's edges to CTA targets, by the target's node: an account and a target are found
   * by object, not by a string of both ids (about 100 bytes more per edge, and a million posts
   * make tens of thousands of edges).
   */
  targetEdges: Map<NetworkNode, NetworkEdge>;
}

export class NetworkBuilder {
  /** `shared`: where given, only CTA targets used by two or more accounts become nodes (see SharedTargets). */
  constructor(private readonly shared: SharedTargets | null = null) {}

  private readonly accounts = new Map<string, AccountNode>();
  private readonly handles = new Map<string, string>();
  private readonly targets = new Map<string, NetworkNode>();
  /** Mention edges wait for the end: the mentioned account may post later in the data. */
  private readonly mentions = new Map<string, { from: string; platform: string; handle: string; edge: NetworkEdge }>();

  /** `key`: the post's accountKey, where the caller has computed it already. */
  add(facts: PostFacts, key = accountKey(facts)): void {
    let account = this.accounts.get(key);
    if (!account) {
      const idPart = facts.accountId ?? (facts.handle !== null ? `@${facts.handle.toLowerCase()}` : (facts.name ?? ''));
      const label = facts.handle ?? facts.name ?? facts.accountId ?? '';
      account = { accountKey: key, node: node(`account:${facts.platform}:${idPart}`, label, 'account', facts.platform), lastHandle: null, targetEdges: new Map() };
      this.accounts.set(key, account);
    }
    if (facts.handle !== null && facts.handle !== account.lastHandle) {
      const handleKey = `${facts.platform}\u0000${mentionHandle(facts.handle)}`;
      if (!this.handles.has(handleKey)) this.handles.set(handleKey, account.node.id);
      account.lastHandle = facts.handle;
    }
    const from = account.node.id;
    account.node.posts++;
    if (facts.ctaAny) account.node.ctaPosts++;

    if (facts.ctaAny) {
      for (const target of facts.targets) {
        if (this.shared !== null && !this.shared.has(target)) continue;
        let t = this.targets.get(target);
        if (!t) {
          t = node(`target:${target}`, target, 'target', '');
          t.targetType = targetType(target);
          this.targets.set(target, t);
        }
        t.posts++;
        t.ctaPosts++;
        let edge = account.targetEdges.get(t);
        if (!edge) account.targetEdges.set(t, (edge = emptyEdge(from, t.id, 'cta_target')));
        count(edge, facts);
      }
    }
    const mentions = facts.mentions.length === 0 ? noMentions : new Set(facts.mentions.map(mentionHandle));
    for (const mention of mentions) {
      const id = `${from}\u0000${facts.platform}\u0000${mention}`;
      let pending = this.mentions.get(id);
      if (!pending) {
        pending = { from, platform: facts.platform, handle: mention, edge: emptyEdge(from, '', 'mention') };
        this.mentions.set(id, pending);
      }
      count(pending.edge, facts);
    }
  }

  /** Nodes and edges in a fixed order, with degree, betweenness and community on every node. */
  build(): Network {
    const nodes = new Map<string, NetworkNode>();
    for (const a of this.accounts.values()) nodes.set(a.node.id, a.node);
    for (const t of this.targets.values()) nodes.set(t.id, t);
    const edges = [...this.accounts.values()].flatMap((a) => [...a.targetEdges.values()]);
    for (const { from, platform, handle, edge } of this.mentions.values()) {
      let to = this.handles.get(`${platform}\u0000${handle}`);
      if (to === undefined) {
        to = `account:${platform}:@${handle}`;
        if (!nodes.has(to)) nodes.set(to, node(to, handle, 'mentioned_account', platform));
      }
      if (to === from) continue;
      edges.push({ ...edge, target: to });
    }
    const sortedNodes = [...nodes.values()].sort((a, b) => compareText(a.id, b.id));
    edges.sort((a, b) => compareText(a.source, b.source) || compareText(a.target, b.target) || compareText(a.kind, b.kind));
    measure(sortedNodes, edges);
    const measures = new Map<string, AccountNetworkMeasures>();
    for (const a of this.accounts.values()) measures.set(a.accountKey, { degree: a.node.degree, betweenness: a.node.betweenness, community: a.node.community });
    return { nodes: sortedNodes, edges, accountMeasures: measures };
  }
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  /** By accountKey (see post-facts.ts). */
  accountMeasures: Map<string, AccountNetworkMeasures>;
}

const louvain = commonJsDefault(louvainModule);

/** A handle as mentions refer to it: lower case, without the @. */
const mentionHandle = (handle: string) => handle.toLowerCase().replace(/^@/, '');
/** Most posts mention no one: they skip building a set. */
const noMentions: ReadonlySet<string> = new Set();

function node(id: string, label: string, kind: NodeKind, platform: string): NetworkNode {
  return { id, label, kind, platform, targetType: '', posts: 0, ctaPosts: 0, degree: 0, betweenness: null, community: null };
}

/** An edge no post has counted yet (a mention's target is known once every post is in). */
function emptyEdge(source: string, target: string, kind: NetworkEdge['kind']): NetworkEdge {
  return { source, target, kind, posts: 0, ctaPosts: 0, categories: new FewCounts() };
}

function count(edge: NetworkEdge, facts: PostFacts): void {
  edge.posts++;
  if (facts.ctaAny) edge.ctaPosts++;
  edge.categories.countAll(facts.categories);
}

/** A seeded generator (mulberry32) so that Louvain finds the same communities every time. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Degree, betweenness and community on the undirected graph (mutual mentions become one link). */
function measure(nodes: NetworkNode[], edges: readonly NetworkEdge[]): void {
  const graph = new UndirectedGraph({ multi: false, allowSelfLoops: false });
  for (const n of nodes) graph.addNode(n.id);
  for (const e of edges) {
    if (graph.hasEdge(e.source, e.target)) graph.updateEdgeAttribute(e.source, e.target, 'weight', (w: number | undefined) => (w ?? 0) + e.posts);
    else graph.addEdge(e.source, e.target, { weight: e.posts });
  }
  const feasible = graph.order * graph.size <= betweennessWorkLimit;
  const betweenness = feasible && graph.size > 0 ? betweennessCentrality(graph) : null;
  const raw = graph.size > 0 ? louvain(graph, { getEdgeWeight: 'weight', rng: seeded(20240101) }) : Object.fromEntries(nodes.map((n, i) => [n.id, i]));
  // Number communities by size (largest first), ties by their first node in id order.
  const members = new Map<number, string[]>();
  for (const n of nodes) {
    const c = raw[n.id]!;
    if (!members.has(c)) members.set(c, []);
    members.get(c)!.push(n.id);
  }
  const ranked = [...members].sort((a, b) => b[1].length - a[1].length || compareText(a[1][0]!, b[1][0]!));
  const number = new Map(ranked.map(([c], i) => [c, i]));
  for (const n of nodes) {
    n.degree = graph.degree(n.id);
    n.betweenness = betweenness === null ? (feasible ? 0 : null) : sixSignificantDigits(betweenness[n.id] ?? 0);
    n.community = number.get(raw[n.id]!)!;
  }
}

/** Columns of network_edges.csv: Gephi reads source, target, type and weight by name. */
export function edgeColumns(codebook: CodebookOutline): TableColumn<NetworkEdge>[] {
  return [
    { name: 'source', type: 'string', description: 'Node id of the account (account:<platform>:<account_id>, or :@handle where there is no id)', cell: (e) => neutraliseFormula(e.source) },
    { name: 'target', type: 'string', description: 'Node id of the CTA target (target:<target>; only targets two or more accounts used) or of the mentioned account', cell: (e) => neutraliseFormula(e.target) },
    { name: 'type', type: 'string', values: 'Directed', description: 'Edge direction, for Gephi: from account to target or mentioned account', cell: () => 'Directed' },
    { name: 'weight', type: 'integer', description: 'Posts behind the edge (= posts)', cell: (e) => e.posts },
    { name: 'edge_kind', type: 'string', values: 'cta_target, mention', description: 'cta_target: the account used the target in CTA posts; mention: the account mentioned the other account (in any post)', cell: (e) => e.kind },
    { name: 'posts', type: 'integer', description: 'Posts behind the edge: CTA posts with the target, or posts with the mention', cell: (e) => e.posts },
    { name: 'cta_posts', type: 'integer', description: 'Of these, posts with a call to action of any category', cell: (e) => e.ctaPosts },
    ...codebook.categories.map((c): TableColumn<NetworkEdge> => ({
      name: `cta_${c.id}`,
      type: 'integer',
      description: `Of these, posts with a call to action of category "${c.label}"`,
      cell: (e) => e.categories.get(c.id),
    })),
  ];
}

/** Node attributes of network.gexf, as they appear in data_dictionary.csv. */
export const gexfNodeColumns: TableColumn<NetworkNode>[] = [
  { name: 'node:id', type: 'string', description: 'Node id (account:<platform>:<account_id>, target:<target>, account:<platform>:@handle for a mentioned account that did not post)', cell: (n) => n.id },
  { name: 'node:label', type: 'string', description: 'Handle or name of an account; the target itself', cell: (n) => n.label },
  { name: 'node:kind', type: 'string', values: 'account, target, mentioned_account', description: 'What the node is', cell: (n) => n.kind },
  { name: 'node:platform', type: 'string', description: 'Platform of an account; empty for targets', cell: (n) => n.platform },
  { name: 'node:target_type', type: 'string', values: 'petition_page, donation_page, url, hashtag, handle, empty', description: 'Kind of a target node (as in alliances.csv)', cell: (n) => n.targetType },
  { name: 'node:posts', type: 'integer', description: 'Account: its posts; target: CTA posts using it', cell: (n) => n.posts },
  { name: 'node:cta_posts', type: 'integer', description: 'Account: its CTA posts; target: CTA posts using it', cell: (n) => n.ctaPosts },
  { name: 'node:degree', type: 'integer', description: 'Distinct neighbours in the undirected network (as in accounts.csv)', cell: (n) => n.degree },
  { name: 'node:betweenness', type: 'number', description: 'Normalised betweenness centrality (as in accounts.csv)', cell: (n) => n.betweenness },
  { name: 'node:community', type: 'integer', description: 'Louvain community (as in accounts.csv)', cell: (n) => n.community },
];

const markup = /[&<>"']/g;
// eslint-disable-next-line no-control-regex
const forbidden = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
/** Either of the two: most values have neither and are written as they are. */
const needsEscaping = new RegExp(`${markup.source}|${forbidden.source}`);

/** Text as an XML attribute value: markup characters escaped, characters XML 1.0 forbids dropped. */
const xml = (s: string) =>
  needsEscaping.test(s) ? s.replace(markup, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!).replace(forbidden, '') : s;

/** The <attvalue> elements of a node or edge: the attributes whose value is not missing. */
function attvalues<T>(attributes: readonly { id: string; column: TableColumn<T> }[], item: T): string {
  let text = '';
  for (const { id, column } of attributes) {
    const value = column.cell(item);
    if (value !== null) text += `<attvalue for="${id}" value="${typeof value === 'number' ? String(value) : xml(String(value))}"/>`;
  }
  return text;
}

/** network.gexf (GEXF 1.3, Gephi's own format), written under a temporary name and renamed. */
export async function writeGexf(path: string, network: Network, codebook: CodebookOutline, description: string): Promise<FileDigest> {
  const nodeAttributes = gexfNodeColumns.filter((c) => c.name !== 'node:id' && c.name !== 'node:label').map((c) => ({ id: c.name.slice(5), column: c }));
  const edgeAttributes = edgeColumns(codebook).filter((c) => !['source', 'target', 'type', 'weight'].includes(c.name)).map((c) => ({ id: c.name, column: c }));
  const gexfType = (c: TableColumn<unknown>) => (c.type === 'integer' ? 'long' : c.type === 'number' ? 'double' : 'string');
  return writeTableFile(path, async (write) => {
    await write('<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://gexf.net/1.3" version="1.3">\n');
    await write(`  <meta>\n    <creator>ctacode</creator>\n    <description>${xml(description)}</description>\n  </meta>\n`);
    await write('  <graph defaultedgetype="directed" mode="static">\n');
    await write('    <attributes class="node">\n');
    for (const { id, column } of nodeAttributes) await write(`      <attribute id="${id}" title="${id}" type="${gexfType(column as TableColumn<unknown>)}"/>\n`);
    await write('    </attributes>\n    <attributes class="edge">\n');
    for (const { id, column } of edgeAttributes) await write(`      <attribute id="${id}" title="${id}" type="${gexfType(column as TableColumn<unknown>)}"/>\n`);
    await write('    </attributes>\n    <nodes>\n');
    for (const n of network.nodes) await write(`      <node id="${xml(n.id)}" label="${xml(n.label)}"><attvalues>${attvalues(nodeAttributes, n)}</attvalues></node>\n`);
    await write('    </nodes>\n    <edges>\n');
    let i = 0;
    for (const e of network.edges) await write(`      <edge id="${i++}" source="${xml(e.source)}" target="${xml(e.target)}" weight="${e.posts}"><attvalues>${attvalues(edgeAttributes, e)}</attvalues></edge>\n`);
    await write('    </edges>\n  </graph>\n</gexf>\n');
  });
}
