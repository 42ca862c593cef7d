import * as fc from 'fast-check';
import type { Case } from '../contract/types.js';
import type { Draft } from './draft.js';

/** The shrinking context of a case built from a draft and a part: both drawn values, with theirs. */
interface Drawn<P> {
  readonly draft: fc.Value<Draft>;
  readonly part: fc.Value<P>;
}

/**
 * Cases built by `build` from a draft of `base` and a value of `part` (a mutation, a fault): what
 * `fc.tuple(base, part).map(build)` gives, with the same shrinking (the draft's shrinks first, then
 * the part's, each with the other kept), as one node. Every invalid case is made this way, and the
 * tuple and map nodes (a `Value`, a context and a clone check each) were a measurable share of it.
 *
 * @example
 * draftCaseArbitrary(validDraftArbitrary(view, options), fc.boolean(), (d, b) => draftToCase(d, [String(b)]))
 */
export function draftCaseArbitrary<P>(
  base: fc.Arbitrary<Draft>,
  part: fc.Arbitrary<P>,
  build: (draft: Draft, part: P) => Case,
): fc.Arbitrary<Case> {
  return new DraftCaseArbitrary(base, part, build);
}

class DraftCaseArbitrary<P> extends fc.Arbitrary<Case> {
  constructor(
    private readonly base: fc.Arbitrary<Draft>,
    private readonly part: fc.Arbitrary<P>,
    private readonly build: (draft: Draft, part: P) => Case,
  ) {
    super();
  }

  override generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<Case> {
    const draft = this.base.generate(mrng, biasFactor);
    return this.toValue({ draft, part: this.part.generate(mrng, biasFactor) });
  }

  override canShrinkWithoutContext(_value: unknown): _value is Case {
    return false;
  }

  override shrink(_value: Case, context: unknown): fc.Stream<fc.Value<Case>> {
    if (context === undefined) return fc.Stream.nil();
    return fc.stream(this.smaller(context as Drawn<P>)).map((d) => this.toValue(d));
  }

  private toValue(drawn: Drawn<P>): fc.Value<Case> {
    return new fc.Value(this.build(drawn.draft.value_, drawn.part.value_), drawn);
  }

  private *smaller({ draft, part }: Drawn<P>): Generator<Drawn<P>> {
    for (const d of this.base.shrink(draft.value_, draft.context)) yield { draft: d, part };
    for (const p of this.part.shrink(part.value_, part.context)) yield { draft, part: p };
  }
}
