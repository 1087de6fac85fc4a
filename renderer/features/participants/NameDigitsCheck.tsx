// A warning, not a refusal, when a name holds a digit (a typo, "J0nes", or a partner's file): the
// quick search reads a word with a digit as a postcode, NI number, phone or reference, so the
// person would not be found by that word (shared/domain/quick-search-words.ts says why the record
// does not refuse one).
import { nameWordsWithDigits } from '../../../shared/domain/quick-search-words';

export function NameDigitsCheck({ names }: { names: Array<{ label: string; value: string | null | undefined }> }) {
  const found = names
    .map(({ label, value }) => ({ label, words: nameWordsWithDigits(value ?? '') }))
    .filter((n) => n.words.length > 0);
  if (found.length === 0) return null;
  const which = found.map((n) => `${n.label.toLowerCase()} (“${n.words.join('”, “')}”)`).join(' and ');
  const one = found.length === 1 && found[0]!.words.length === 1;
  return (
    <p className="warning-text" role="status" id="name-digits-warning">
      <strong>Check the name:</strong> the {which} {one ? 'has a digit' : 'have digits'}. Quick search reads a word with
      a digit as a postcode, NI number, phone number or reference, so this person will not be found by{' '}
      {one ? 'that word' : 'those words'}.
    </p>
  );
}
