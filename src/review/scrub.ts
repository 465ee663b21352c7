/**
 * Scrubs a question before it is kept for curators: whatever could identify a person is replaced
 * by a placeholder in square brackets. Pure, no I/O. It errs on the side of removing too much: a
 * curator needs the gist of the question, never who asked or about whom.
 *
 * Replaced: Slack and Teams mentions, e-mail addresses, web addresses, IBANs, phone numbers,
 * BSN-like and other long numbers, postcodes, and names after a title or role ("wethouder
 * Jansen", "mevrouw De Vries-Bakker", "burgemeester J.P. van der Berg", "collega Piet").
 * Not recognised: a bare name without such a word before it ("Piet zei…"); the README says so.
 */

export const PLACEHOLDERS = {
  name: "[naam]",
  email: "[e-mail]",
  url: "[link]",
  phone: "[telefoonnummer]",
  number: "[nummer]",
  iban: "[rekeningnummer]",
  postcode: "[postcode]",
} as const;

/** Words after which a capitalised word is a person's name. Lower case; matched case-insensitively. */
const TITLES = [
  "wethouder",
  "wethouders",
  "burgemeester",
  "loco-burgemeester",
  "meneer",
  "mevrouw",
  "mevr",
  "mw",
  "dhr",
  "de heer",
  "heer",
  "juffrouw",
  "collega",
  "directeur",
  "gemeentesecretaris",
  "secretaris",
  "griffier",
  "raadslid",
  "raadsleden",
  "fractievoorzitter",
  "gedeputeerde",
  "commissaris",
  "ambtenaar",
  "medewerker",
  "medewerkster",
  "manager",
  "teamleider",
  "afdelingshoofd",
  "voorzitter",
  "mr",
  "drs",
  "dr",
  "ir",
  "ing",
  "prof",
];

/** Particles inside Dutch surnames: "van der", "de", "ten", "'t"… */
const PARTICLE = "(?:van|von|de|der|den|het|ter|ten|te|op|in|'t|d'|la|le|du|di|da|del|van't)";
/** One capitalised name word, possibly double-barrelled ("De Vries-Bakker", "O'Neill"). */
const NAME_WORD = "\\p{Lu}[\\p{Ll}\\p{Lu}'’]*(?:-\\p{Lu}?[\\p{Ll}\\p{Lu}'’]+)*";
const INITIALS = "(?:\\p{Lu}\\.(?:\\s?\\p{Lu}\\.)*\\s?)";

/** Portfolios and places that follow "wethouder van …" and are not names. */
const NOT_NAMES = new Set([
  "financiën",
  "financien",
  "onderwijs",
  "zorg",
  "jeugd",
  "wonen",
  "economie",
  "sport",
  "cultuur",
  "verkeer",
  "ruimte",
  "ruimtelijke",
  "sociaal",
  "sociale",
  "werk",
  "milieu",
  "duurzaamheid",
  "bedrijfsvoering",
  "personeel",
  "p&o",
  "openbare",
  "veiligheid",
  "welzijn",
  "participatie",
  "armoede",
  "gemeente",
  "college",
  "raad",
  "provincie",
  "rijk",
  "nederland",
  "bzk",
  "vng",
  "wmo",
  "ik",
  "wij",
  "hij",
  "zij",
  "het",
  "een",
  "die",
  "dat",
  "deze",
  "dit",
  "wat",
  "hoe",
  "waarom",
  "wanneer",
  "maar",
  "en",
  "of",
  "als",
  "om",
  "met",
  "voor",
  "na",
  "bij",
  "over",
]);

/** "wethouder" → "[Ww]ethouder": the title in either case, the name after it capitalised (no i flag, which would fold \p{Lu}). */
function titlePattern(title: string): string {
  const first = title[0]!;
  return `[${first.toUpperCase()}${first}]${title.slice(1).replace(" ", "\\s+")}`;
}

const NAME_AFTER_TITLE = new RegExp(
  `(?<![\\p{L}])(${TITLES.map(titlePattern).join("|")})(\\.?)(\\s+)` +
    `(${INITIALS}?(?:${PARTICLE}\\s+){0,3}${NAME_WORD}(?:\\s+(?:${PARTICLE}\\s+){0,3}${NAME_WORD}){0,2})`,
  "gu",
);

const RULES: Array<[RegExp, string | ((match: string, ...groups: string[]) => string)]> = [
  // Slack mentions and links: <@U123>, <#C123|kanaal>, <mailto:a@b.nl|a@b.nl>, <https://…|tekst>
  [/<@[A-Z0-9]+(?:\|[^>]*)?>/g, PLACEHOLDERS.name],
  [/<mailto:[^>]*>/gi, PLACEHOLDERS.email],
  [/<https?:[^>]*>/gi, PLACEHOLDERS.url],
  // Teams mentions arrive as <at>Naam</at>
  [/<at>[^<]*<\/at>/gi, PLACEHOLDERS.name],
  [/[\p{L}0-9._%+-]+@[\p{L}0-9.-]+\.[\p{L}]{2,}/giu, PLACEHOLDERS.email],
  [/\b(?:https?:\/\/|www\.)[^\s<>"]+/gi, PLACEHOLDERS.url],
  // a plain domain name such as gemeente-ergens.nl/contact
  [/\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:nl|com|org|net|eu|be|info|io)(?:\/[^\s<>"]*)?(?![\p{L}])/giu, PLACEHOLDERS.url],
  // @handle
  [/(?<![\p{L}0-9])@[\p{L}0-9._-]{2,}/gu, PLACEHOLDERS.name],
  // IBAN: NL91 ABNA 0417 1643 00
  [/\b[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d{2,4}){2,5}\b/g, PLACEHOLDERS.iban],
  // phone numbers: +31 6 12345678, 0031 20 123 4567, 06-12345678, (020) 123 45 67, 0800-1234
  [/(?:\+|00)\d{2}[\s-]?(?:\(0\)[\s-]?)?\d(?:[\s-]?\d){7,9}\b/g, PLACEHOLDERS.phone],
  [/(?<![\d])(?:\(0\d{1,3}\)|0\d{1,3})[\s-]?\d(?:[\s-]?\d){5,8}\b/g, PLACEHOLDERS.phone],
  [/\b0[89]00[\s-]?\d{4}(?:\d{3})?\b/g, PLACEHOLDERS.phone],
  // BSN-like: nine digits, also written 123.456.782 or 123 45 6782; and any other long number
  [/(?<![\d])\d{3}[.\s]?\d{2,3}[.\s]?\d{3,4}(?![\d])/g, PLACEHOLDERS.number],
  [/\d{7,}/g, PLACEHOLDERS.number],
  // Dutch postcode: 1234 AB
  [/\b[1-9]\d{3}\s?(?!SS|SD|SA)[A-Z]{2}\b/g, PLACEHOLDERS.postcode],
];

const PARTICLE_WORD = new RegExp(`^${PARTICLE}$`, "iu");

function scrubNames(text: string): string {
  return text.replace(NAME_AFTER_TITLE, (whole, title: string, dot: string, space: string, name: string) => {
    const words = name.split(/\s+/);
    // "wethouder van Financiën", "burgemeester en wethouders", "de burgemeester Is": not a name
    const firstReal = words.find((w) => !PARTICLE_WORD.test(w));
    if (!firstReal || NOT_NAMES.has(firstReal.toLowerCase().replace(/[.,]$/, ""))) return whole;
    if (words.length === 1 && NOT_NAMES.has(words[0]!.toLowerCase())) return whole;
    return `${title}${dot}${space}${PLACEHOLDERS.name}`;
  });
}

/** The question with everything that could identify someone replaced; whitespace tidied. */
export function scrub(text: string): string {
  let out = text.normalize("NFC");
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement as string);
  out = scrubNames(out);
  return out.replace(/\s+/g, " ").trim();
}
