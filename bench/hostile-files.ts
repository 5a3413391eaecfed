// Article files a hostile contributor might drop into the folder (issue 17): each as large as
// MAX_ARTICLE_BYTES allows, each once work that grew faster than its input. Invented text only.
// Used by the hostile-reload bench and by the test that /healthz answers during such a reload.

/** `unit` repeated to about `size` bytes of UTF-8. */
export function fill(unit: string, size: number): string {
  return unit.repeat(Math.floor(size / Buffer.byteLength(unit)));
}

/** Front matter of `count` keys, one per line (a YAML reader checks each for a duplicate). */
function manyKeys(count: number): string {
  const lines = ['title: Many Keys'];
  for (let i = 0; i < count; i++) lines.push(`k${i}: v`);
  return lines.join('\n');
}

/** Keys enough for tens of thousands of lines in front matter of about 1 MiB. */
const MANY_KEYS = 62_000;
/** Keys that fit under FRONT_MATTER_MAX_CHARS (16,384 characters), so this front matter is parsed. */
const KEYS_UNDER_CAP = 1_800;

/** File name -> text: one file of each hostile kind, each about `size` bytes. */
export function hostileFiles(size: number): Record<string, string> {
  const body = size - 100;
  return {
    'stops.txt': `A Run of Stops\n\nWord ${fill('.', body)}`,
    'bangs.txt': `A Run of Bangs\n\nWord ${fill('!', body)}`,
    'ellipses.txt': `A Run of Ellipses\n\nWord ${fill('…', body)}`,
    'short-sentences.txt': `Short Sentences\n\n${fill('Word.... Then! \n\n', body)}`,
    'many-keys.md': `---\n${manyKeys(MANY_KEYS)}\n---\nBody text.`,
    'keys-under-cap.md': `---\n${manyKeys(KEYS_UNDER_CAP)}\n---\n${fill('Body text. ', body - 17_000)}`,
    'one-name.txt': `One Name\n\n${fill('Sergey Lavrov arrived. "We will win this," Lavrov said.\n\n', body)}`,
    'one-name-one-line.txt': `One Name, One Line\n\n${fill('Sergey Lavrov arrived. "We will win this," Lavrov said. ', body)}`,
    'pronouns.txt': `Pronouns\n\n${fill('Ann Roe arrived. "We will win this," she said. He said: "No." ', body)}`,
    'credits.txt': `Credits\n\n${fill('People stand on lava rock. Gregory Bull/AP\n\n', body)}`,
  };
}
