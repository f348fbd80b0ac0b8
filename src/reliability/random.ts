import { createHash, randomBytes } from 'node:crypto';

/** A reproducible stream of random numbers: the same seed gives the same stream on every machine. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, below). */
  int(below: number): number;
}

/**
 * sfc32 (Chris Doty-Humphrey's small fast counting generator, PractRand-clean) seeded from the
 * SHA-256 of the seed text, so that any text is a seed and related seeds give unrelated streams.
 * Math.random cannot be seeded, and a published sample must be drawable again from its seed.
 */
export function seededRandom(seed: string): Random {
  const digest = createHash('sha256').update(seed, 'utf8').digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  return { next, int: (below) => Math.floor(next() * below) };
}

/** A seed for when the user gave none; it is recorded so the draw can still be repeated. */
export function newSeed(): string {
  return String(randomBytes(4).readUInt32LE(0));
}

/** A uniformly shuffled copy (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
