/**
 * A light German normaliser for the SQLite search fallback and for text similarity: lower case, split into
 * words, drop stop words, and strip common inflection suffixes so that "Sprachkurs", "Sprachkurse" and
 * "Sprachkursen" meet. PostgreSQL uses its real German Snowball stemmer instead.
 */
const STOP_WORDS = new Set(
  (
    'aber als am an auch auf aus bei bin bis da dann das dass dem den der des die dies diese dieser dieses du ' +
    'durch ein eine einem einen einer eines er es für hat hatte ich ihr im in ist ja kann mit nach nicht noch ' +
    'nur ob oder sich sie sind so über um und uns unter vom von vor war wie wir wird zu zum zur and the of for to'
  ).split(' '),
);

const SUFFIXES = ['innen', 'ungen', 'ern', 'em', 'en', 'er', 'es', 'e', 'n', 's'];

/**
 * Lower case with the umlauts as their base letters, as PostgreSQL's German stemmer treats them: "Häusern" and
 * "Haus" meet at "haus".
 */
export function fold(text: string): string {
  return text
    .toLocaleLowerCase('de')
    .replace(/ä/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/ü/g, 'u')
    .replace(/ß/g, 'ss');
}

export function stem(word: string): string {
  let result = fold(word);
  // Two rounds: "Sprachkursen" → "sprachkurs" → "sprachkur", the same stem as "Sprachkurs".
  for (let round = 0; round < 2; round += 1) {
    const suffix = SUFFIXES.find(
      (candidate) => result.endsWith(candidate) && result.length - candidate.length >= 4,
    );
    if (!suffix) break;
    result = result.slice(0, -suffix.length);
  }
  return result;
}

export function words(text: string): string[] {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => word.length > 1);
}

/** The stems of a text's meaningful words, without duplicates. */
export function stems(text: string): string[] {
  const result = new Set<string>();
  for (const word of words(text)) {
    const lower = word.toLocaleLowerCase('de');
    if (!STOP_WORDS.has(lower)) result.add(stem(lower));
  }
  return [...result];
}
