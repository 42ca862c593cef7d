/** Largest table (a power of two): 2^21 slots × 8 bytes = 16 MB. */
const MAX_SLOTS = 1 << 21;
/** First table: 4096 slots (32 KB), doubled whenever it is 70% full. */
const MIN_SLOTS = 1 << 12;
/** Past this many ids the registry stops tracking (probe chains would grow). */
const CAPACITY = Math.floor(MAX_SLOTS * 0.7);

/**
 * The set of DeploymentIds seen in a run, kept as 64-bit fingerprints in one fixed typed array, so
 * memory stays small (a `Set<string>` of a million UUIDs costs ~100 MB; this costs 8 MB). Two distinct
 * ids collide with probability ~n²/2^65 (about 3·10⁻⁸ at a million ids). Past ~1.4 million ids it
 * stops tracking and says so.
 *
 * @example
 * const ids = new DeploymentIdRegistry();
 * ids.add('a'); // 'new'
 * ids.add('a'); // 'duplicate'
 */
export class DeploymentIdRegistry {
  /** Pairs of 32-bit fingerprint halves; (0, 0) marks an empty slot. */
  private table = new Uint32Array(MIN_SLOTS * 2);
  private slots = MIN_SLOTS;
  private count = 0;
  private readonly capacity: number;
  /** Ids seen after the registry filled up (not tracked). */
  overflowed = 0;

  /** `capacity`: ids to track at most, up to the default (about 1.47 million); tests use a small one. */
  constructor(options: { capacity?: number } = {}) {
    this.capacity = Math.min(options.capacity ?? CAPACITY, CAPACITY);
  }

  /** Ids tracked so far. */
  get size(): number {
    return this.count;
  }

  /** True once the registry stopped tracking new ids. */
  get full(): boolean {
    return this.count >= this.capacity;
  }

  /** Records `id`: `new`, `duplicate`, or `untracked` when the registry is full. */
  add(id: string): 'new' | 'duplicate' | 'untracked' {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193 ^ id.length;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 = (h1 ^ (h1 >>> 16)) >>> 0;
    h2 = (h2 | 1) >>> 0; // never (0, 0)
    const slot = this.find(h1, h2);
    if (slot < 0) return 'duplicate';
    if (this.count >= this.capacity) {
      this.overflowed++;
      return 'untracked';
    }
    this.table[slot * 2] = h1;
    this.table[slot * 2 + 1] = h2;
    this.count++;
    if (this.count > this.slots * 0.7 && this.slots < MAX_SLOTS) this.grow();
    return 'new';
  }

  /** The empty slot for (h1, h2), or -1 when it is already there. */
  private find(h1: number, h2: number): number {
    const table = this.table;
    const mask = this.slots - 1;
    let slot = h1 & mask;
    for (;;) {
      const a = table[slot * 2];
      const b = table[slot * 2 + 1];
      if (a === 0 && b === 0) return slot;
      if (a === h1 && b === h2) return -1;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.table;
    this.slots *= 2;
    this.table = new Uint32Array(this.slots * 2);
    for (let i = 0; i < old.length; i += 2) {
      const h1 = old[i] as number;
      const h2 = old[i + 1] as number;
      if (h1 === 0 && h2 === 0) continue;
      const slot = this.find(h1, h2);
      this.table[slot * 2] = h1;
      this.table[slot * 2 + 1] = h2;
    }
  }
}
