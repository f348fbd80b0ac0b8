import fc from 'fast-check';
import { UndirectedGraph } from 'graphology';
import referenceModule from 'graphology-metrics/centrality/betweenness.js';
import { describe, expect, it } from 'vitest';
import { betweennessCentrality } from '../../../src/aggregate/betweenness.js';
import { commonJsDefault } from '../../../src/runtime/commonjs-default.js';

// graphology-metrics' own: the reference these numbers must equal.
const reference = commonJsDefault(referenceModule);

function graphOf(nodes: number, edges: readonly (readonly [number, number])[]): UndirectedGraph {
  const graph = new UndirectedGraph({ multi: false, allowSelfLoops: false });
  for (let i = 0; i < nodes; i++) graph.addNode(`n${i}`);
  for (const [a, b] of edges) if (a !== b && !graph.hasEdge(`n${a}`, `n${b}`)) graph.addEdge(`n${a}`, `n${b}`);
  return graph;
}

describe('betweenness centrality', () => {
  it('is what Brandes gives by hand: the middle of a path, the hub of a star, nothing in a triangle', () => {
    // a–b–c: b lies on the one shortest path between a and c, both ways (2), over (n-1)(n-2) = 2.
    expect(betweennessCentrality(graphOf(3, [[0, 1], [1, 2]]))).toEqual({ n0: 0, n1: 1, n2: 0 });
    // A star of five: the hub lies on all 6 pairs of leaves, counted both ways (12), over 4 × 3.
    expect(betweennessCentrality(graphOf(5, [[0, 1], [0, 2], [0, 3], [0, 4]]))).toEqual({ n0: 1, n1: 0, n2: 0, n3: 0, n4: 0 });
    expect(betweennessCentrality(graphOf(3, [[0, 1], [1, 2], [2, 0]]))).toEqual({ n0: 0, n1: 0, n2: 0 });
    // A square: each pair of opposite corners has two shortest paths, one through each other corner.
    expect(betweennessCentrality(graphOf(4, [[0, 1], [1, 2], [2, 3], [3, 0]]))).toEqual({ n0: 1 / 6, n1: 1 / 6, n2: 1 / 6, n3: 1 / 6 });
  });

  it('counts no path between parts that are not connected, and leaves graphs of two nodes or fewer unscaled', () => {
    // Two paths of three: each middle node lies between its own two ends only, both ways (2), over 5 × 4.
    expect(betweennessCentrality(graphOf(6, [[0, 1], [1, 2], [3, 4], [4, 5]]))).toEqual({ n0: 0, n1: 2 / 20, n2: 0, n3: 0, n4: 2 / 20, n5: 0 });
    expect(betweennessCentrality(graphOf(2, [[0, 1]]))).toEqual({ n0: 0, n1: 0 });
    expect(betweennessCentrality(graphOf(1, []))).toEqual({ n0: 0 });
    expect(betweennessCentrality(graphOf(0, []))).toEqual({});
  });

  it('gives the same doubles, bit for bit, as graphology-metrics on any graph', () => {
    // graphology-metrics refuses a graph without nodes.
    const graphs = fc.integer({ min: 1, max: 40 }).chain((nodes) =>
      fc.tuple(fc.constant(nodes), fc.array(fc.tuple(fc.nat({ max: nodes - 1 }), fc.nat({ max: nodes - 1 })), { maxLength: nodes * 3 })),
    );
    fc.assert(
      fc.property(graphs, ([nodes, edges]) => {
        const graph = graphOf(nodes, edges);
        expect(betweennessCentrality(graph)).toStrictEqual(reference(graph, { normalized: true, getEdgeWeight: null }));
      }),
      { numRuns: 300 },
    );
  });
});
