/** Buckets the fingerprints are spread over, by the top bits of their second half. */
const BUCKET_BITS = 13;
const BUCKETS = 1 << BUCKET_BITS;
/** Fingerprints per block; a bucket is a chain of blocks. */
const BLOCK = 16;
/** Ids a registry tracks at most (what the former 2^21-slot table held at 70% load). */
const CAPACITY = 1_468_006;

/**
 * The set of DeploymentIds seen in a run, kept as 64-bit fingerprints, 8 bytes an id (a `Set<string>`
 * of a million UUIDs costs ~100 MB; this ~9 MB). Two distinct ids collide with probability
 * ~n²/2^65 (about 3·10⁻⁸ at a million ids). Past ~1.47 million ids it stops tracking and says so.
 *
 * Layout, and why: the fingerprints live in one typed array sized for the capacity up front, which
 * the system hands out untouched (a page costs memory only once written), and are written in
 * 128-byte blocks taken in order from its start, each bucket a chain of blocks. So a run's memory
 * grows with the ids it saw and nothing else. The open-addressing table this replaced doubled, and
 * a long run's peak RSS grew in steps with it (4 MB at 276k ids, with the 2 MB table it replaced
 * still waiting for a major collection); many small arrays, one per bucket, cost more still (their
 * freed backing stores were slow to go back). Adding scans one bucket: a few dozen fingerprints at a
 * few hundred thousand ids, well under a microsecond, once per success.
 *
 * @example
 * const ids = new DeploymentIdRegistry();
 * ids.add('a'); // 'new'
 * ids.add('a'); // 'duplicate'
 */
export class DeploymentIdRegistry {
  /** Fingerprint halves (h1, h2) in pairs, `BLOCK` pairs a block, blocks in the order taken. */
  private readonly fingerprints: Uint32Array;
  /** Per block: the next block of its bucket (meaningful only before the bucket's last block). */
  private readonly nextBlock: Int32Array;
  /** Per bucket: its first block, and how many fingerprints it holds (its last block is where a lookup ends). */
  private readonly firstBlock = new Int32Array(BUCKETS);
  private readonly counts = new Int32Array(BUCKETS);
  private blocksTaken = 0;
  private readonly capacity: number;
  private count = 0;
  /** Ids seen after the registry filled up (not tracked). */
  overflowed = 0;

  /** `capacity`: ids to track at most, up to the default (about 1.47 million); tests use a small one. */
  constructor(options: { capacity?: number } = {}) {
    this.capacity = Math.min(options.capacity ?? CAPACITY, CAPACITY);
    // Room for every id, plus a part-filled last block in every bucket. Zeroed and never written
    // past what is used, so untouched (about 13 MB of address space, not of memory).
    const blocks = Math.ceil(this.capacity / BLOCK) + BUCKETS;
    this.fingerprints = new Uint32Array(blocks * BLOCK * 2);
    this.nextBlock = new Int32Array(blocks);
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
    h2 = h2 >>> 0;
    const bucket = h2 >>> (32 - BUCKET_BITS);
    const fingerprints = this.fingerprints;
    const held = this.counts[bucket] as number;
    // The bucket's last block: where the scan below ends, and where a new fingerprint goes.
    let last = this.firstBlock[bucket] as number;
    for (let seen = 0; seen < held; seen += BLOCK) {
      if (seen > 0) last = this.nextBlock[last] as number;
      const start = last * BLOCK * 2;
      const end = start + Math.min(BLOCK, held - seen) * 2;
      for (let at = start; at < end; at += 2) {
        if (fingerprints[at] === h1 && fingerprints[at + 1] === h2) return 'duplicate';
      }
    }
    if (this.count >= this.capacity) {
      this.overflowed++;
      return 'untracked';
    }
    const slot = held % BLOCK;
    if (slot === 0) {
      const taken = this.blocksTaken++;
      if (held === 0) this.firstBlock[bucket] = taken;
      else this.nextBlock[last] = taken;
      last = taken;
    }
    const at = (last * BLOCK + slot) * 2;
    fingerprints[at] = h1;
    fingerprints[at + 1] = h2;
    this.counts[bucket] = held + 1;
    this.count++;
    return 'new';
  }
}
