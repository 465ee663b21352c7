/**
 * Fidelity: proves that the cleaned knowledge units still hold every sentence of the original
 * texts. Both sides are normalised the same way (case, quotes, whitespace, hyphenation, Markdown
 * marks), then each source sentence must be covered by runs of at least RUN words that also stand,
 * in that order, in some unit. A sentence counts as found when COVERED of its words are covered,
 * which tolerates the layout artefacts the cleaning removed (a footnote number glued to a word, a
 * page header or roman chapter number breaking a sentence) but not a paraphrase or a cut.
 */
export const RUN = 4;
export const COVERED = 0.9;

export interface ExcludeRange {
  from: string;
  to?: string | undefined;
}

export interface FidelityReport {
  sentences: number;
  found: number;
  coverage: number;
  missing: string[];
}

/** Lowercased word tokens, with quotes, Markdown marks and (line-end) hyphenation folded away. */
export function tokens(text: string): string[] {
  const folded = text
    .toLowerCase()
    .normalize("NFC")
    .replace(/[\u2018\u2019\u201A\u201B`´]/g, "'")
    .replace(/[\u201C\u201D\u201E\u00AB\u00BB]/g, '"')
    .replace(/<[^>]+>/g, " ")
    .replace(/\\([*_#])/g, "$1")
    .replace(/(\p{L})[-\u00AD]\s*(?=\p{L})/gu, "$1");
  // A footnote number glued to a word ("ROB1", "traditie3") is a layout artefact: drop it.
  return (folded.match(/[\p{L}\p{N}]+/gu) ?? []).map((t) => t.replace(/^(\p{L}{2,})\d+$/u, "$1"));
}

/** Removes the excluded ranges (colophon, advertising) from a seed text; `to` is exclusive. */
export function applyExclusions(text: string, ranges: readonly ExcludeRange[]): string {
  let out = text;
  for (const range of ranges) {
    const start = out.indexOf(range.from);
    if (start < 0) throw new Error(`exclusion start not found in seed: ${JSON.stringify(range.from)}`);
    const end = range.to === undefined ? out.length : out.indexOf(range.to, start + range.from.length);
    if (end < 0) throw new Error(`exclusion end not found in seed: ${JSON.stringify(range.to)}`);
    out = out.slice(0, start) + "\n\n" + out.slice(end);
  }
  return out;
}

const ROMAN_NUMERAL = /^[ivxlc]+$/;

/**
 * Splits a seed text into sentences: at sentence punctuation, line breaks (after joining words
 * hyphenated across a line end), list items and table cells. A line holding only a roman
 * chapter number or a page number is layout, not a sentence.
 */
export function sentences(text: string): string[] {
  return text
    .replace(/\r\n/g, "\n")
    .replace(/(\p{L})-[ \t]*\n\s*(?=\p{Ll})/gu, "$1")
    .split(/(?<=[.!?;])\s+|\n|\t/)
    .map((s) =>
      s
        .replace(/^\s*\d[\d ]*\]\s*/, "") // the number in front of a footnote
        .replace(/(["\u201D])\d+(?=\s|$)/g, "$1") // a footnote number behind a closing quote
        .replace(/\s+/g, " ")
        .trim(),
    )
    .filter((s) => {
      const words = tokens(s);
      return words.some((t) => /\p{L}/u.test(t)) && !(words.length === 1 && ROMAN_NUMERAL.test(words[0] ?? ""));
    });
}

function runsOf(words: readonly string[]): Set<string> {
  const runs = new Set<string>();
  for (let i = 0; i + RUN <= words.length; i++) runs.add(words.slice(i, i + RUN).join(" "));
  return runs;
}

/** Measures how many sentences of `seedText` are found in `unitTexts` (each a title plus body). */
export function measureFidelity(seedText: string, unitTexts: readonly string[]): FidelityReport {
  const unitWords = unitTexts.map(tokens);
  const runs = new Set<string>();
  for (const words of unitWords) for (const run of runsOf(words)) runs.add(run);
  const joined = unitWords.map((w) => ` ${w.join(" ")} `).join("\n");

  const all = sentences(seedText);
  const missing: string[] = [];
  for (const sentence of all) {
    const words = tokens(sentence);
    let found: boolean;
    if (words.length < RUN) {
      found = joined.includes(` ${words.join(" ")} `);
    } else {
      const covered = new Array<boolean>(words.length).fill(false);
      for (let i = 0; i + RUN <= words.length; i++) {
        if (runs.has(words.slice(i, i + RUN).join(" "))) covered.fill(true, i, i + RUN);
      }
      found = covered.filter(Boolean).length / words.length >= COVERED;
    }
    if (!found) missing.push(sentence);
  }
  const foundCount = all.length - missing.length;
  return { sentences: all.length, found: foundCount, coverage: all.length ? foundCount / all.length : 1, missing };
}
