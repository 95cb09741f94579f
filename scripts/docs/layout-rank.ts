/**
 * Ordering and x placement of the items in the ranks of a layered layout
 * (layout-graph.ts): barycenter sweeps that keep the ordering with the fewest
 * crossings, then least-squares placement towards neighbours (isotonic regression).
 */

/** A node, a label or a bend point of an edge, in one rank. */
export interface Item {
  readonly w: number;
  readonly h: number;
  /** Set for graph nodes; unset for the dummies that carry edges across ranks. */
  readonly node?: string;
  readonly label: boolean;
  /** Position in the rank while ordering, then the x of the centre. */
  x: number;
  readonly up: Item[];
  readonly down: Item[];
}

const GAP = 26;
const DUMMY_GAP = 10;

export const at = <T>(list: readonly T[], i: number): T => {
  const value = list[i];
  if (value === undefined) throw new Error(`layout: index ${i} out of range`);
  return value;
};

const mean = (items: readonly Item[], fallback: number): number =>
  items.length === 0 ? fallback : items.reduce((sum, n) => sum + n.x, 0) / items.length;

function crossings(ranks: readonly Item[][]): number {
  let count = 0;
  for (const rank of ranks) {
    const pairs: Array<readonly [number, number]> = [];
    rank.forEach((item, i) => item.down.forEach((d) => pairs.push([i, d.x])));
    for (let a = 0; a < pairs.length; a++) {
      for (let b = a + 1; b < pairs.length; b++) {
        const [a0, a1] = at(pairs, a);
        const [b0, b1] = at(pairs, b);
        if ((a0 - b0) * (a1 - b1) < 0) count++;
      }
    }
  }
  return count;
}

/** Reorders the ranks in place; afterwards each item's x is its index in its rank. */
export function order(ranks: Item[][]): void {
  const number = (): void => ranks.forEach((rank) => rank.forEach((item, i) => (item.x = i)));
  number();
  let best = ranks.map((rank) => [...rank]);
  let bestCount = crossings(ranks);
  for (let round = 0; round < 8; round++) {
    const down = round % 2 === 0;
    const indices = ranks.map((_, i) => i);
    for (const r of down ? indices.slice(1) : indices.reverse().slice(1)) {
      const rank = at(ranks, r);
      const keys = new Map(rank.map((item) => [item, mean(down ? item.up : item.down, item.x)]));
      rank.sort((a, b) => (keys.get(a) ?? 0) - (keys.get(b) ?? 0) || a.x - b.x);
      rank.forEach((item, i) => (item.x = i));
    }
    const count = crossings(ranks);
    if (count < bestCount) {
      bestCount = count;
      best = ranks.map((rank) => [...rank]);
    }
  }
  best.forEach((rank, r) => (ranks[r] = rank));
  number();
}

/** Least-squares fit of centres to `desired`, keeping order and spacing (pool adjacent violators). */
function place(rank: readonly Item[], desired: readonly number[]): void {
  const offsets: number[] = [];
  rank.forEach((item, i) => {
    const prev = rank[i - 1];
    const roomy = prev !== undefined && (prev.node || item.node || prev.label || item.label);
    const gap = prev === undefined ? 0 : prev.w / 2 + item.w / 2 + (roomy ? GAP : DUMMY_GAP);
    offsets.push((offsets[i - 1] ?? 0) + gap);
  });
  const blocks: Array<{ sum: number; count: number }> = [];
  desired.forEach((d, i) => {
    let block = { sum: d - at(offsets, i), count: 1 };
    for (let prev = blocks.at(-1); prev && prev.sum / prev.count >= block.sum / block.count; prev = blocks.at(-1)) {
      blocks.pop();
      block = { sum: prev.sum + block.sum, count: prev.count + block.count };
    }
    blocks.push(block);
  });
  let i = 0;
  for (const block of blocks) {
    for (let k = 0; k < block.count; k++, i++) at(rank, i).x = block.sum / block.count + at(offsets, i);
  }
}

/** Packs each rank, then pulls items towards their neighbours above, below, and both. */
export function placeRanks(ranks: readonly Item[][]): void {
  for (const rank of ranks) place(rank, rank.map(() => 0));
  for (let round = 0; round < 24; round++) {
    const side = (item: Item): Item[] =>
      round % 3 === 0 ? item.up : round % 3 === 1 ? item.down : [...item.up, ...item.down];
    for (const rank of ranks) place(rank, rank.map((item) => mean(side(item), item.x)));
  }
}
