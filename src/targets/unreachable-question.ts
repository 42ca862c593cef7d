/**
 * What to ask a user whose target never answered, by the target's name (its `--target` spec). Module
 * targets have no URL: an msw module answers through its handlers, a client module through its
 * `send`. `check` and `replay` both end an unreachable run with this question.
 *
 * @example
 * unreachableQuestion('http://127.0.0.1:4000'); // 'is it running and is the URL right?'
 */
export function unreachableQuestion(targetName: string): string {
  if (targetName === 'msw' || targetName.startsWith('msw:')) {
    return 'does a handler answer POST / on the endpoint the target uses (none matched, or each one threw)?';
  }
  if (targetName === 'client' || targetName.startsWith('client:')) {
    return "does the module's client settle its send() calls within --timeout (each one failed or hung)?";
  }
  return 'is it running and is the URL right?';
}
