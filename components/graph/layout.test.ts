import { describe, expect, it } from 'vitest';

import { layoutGraph, NODE_WIDTH } from './layout';

const node = (id: string) => ({ id, label: id, status: { key: 'pending', label: 'Pending' }, kind: 'work', href: '#' });

describe('layoutGraph', () => {
  it('puts what an item depends on to its left, whatever the edge type', () => {
    const positions = layoutGraph({
      nodes: ['A', 'B', 'C', 'D'].map(node),
      edges: [
        { from: 'B', to: 'A', type: 'blocks' },
        { from: 'C', to: 'B', type: 'soft' },
        { from: 'D', to: 'A', type: 'related' },
      ],
      truncated: false,
    });
    expect(positions.get('A')!.x).toBeLessThan(positions.get('B')!.x);
    expect(positions.get('B')!.x + NODE_WIDTH).toBeLessThan(positions.get('C')!.x);
    expect(positions.get('D')!.x).toBeGreaterThan(positions.get('A')!.x);
  });

  it('places a graph without edges, and ignores edges to nodes it was not given', () => {
    const positions = layoutGraph({ nodes: [node('A'), node('B')], edges: [{ from: 'A', to: 'Z', type: 'blocks' }], truncated: false });
    expect([...positions.keys()].sort()).toEqual(['A', 'B']);
  });
});
