import { describe, expect, it } from "vitest";
import { createBrain } from "../../src/app/brain.ts";
import { Analyzer, SPLIT_WEIGHT } from "../../src/search/analyzer.ts";
import { rawTokens } from "../../src/search/normalize.ts";
import { stem } from "../../src/search/stem.ts";
import { Synonyms, synonymsFileSchema } from "../../src/search/synonyms.ts";
import { maxEdits } from "../../src/search/typo.ts";

const { matcher } = createBrain();
const analyzer = matcher.analyzer;
/** An analyzer without the domain synonyms, for rules shown on a small vocabulary of its own. */
const NO_SYNONYMS = new Synonyms(synonymsFileSchema.parse({ canonical: {}, related: [], english: {} }));
const termsOf = (text: string) => analyzer.queryTerms(text).map((t) => t.term);

describe("the Dutch analyzer", () => {
  it("removes diacritics and joins B&W and P&O", () => {
    expect(rawTokens("Financiële B&W-nota, P & O")).toEqual([
      { original: "Financiele", norm: "financiele" },
      { original: "BenW", norm: "benw" },
      { original: "nota", norm: "nota" },
      { original: "PenO", norm: "peno" },
    ]);
  });

  it("maps abbreviations and variants to one canonical term", () => {
    expect(analyzer.words("het MT en het DT")).toEqual(["directieteam", "directieteam"]);
    expect(analyzer.words("college van B&W")).toEqual(["benw"]);
    expect(analyzer.words("de wethouder P&O")).toEqual(["wethouder", "peno"]);
    expect(analyzer.words("onze GR en het SSC")).toEqual([
      "gemeenschappelijke",
      "regeling",
      "shared",
      "service",
      "centrum",
    ]);
    expect(analyzer.words("de 3D's")).toEqual(["drie", "decentralisaties"]);
  });

  it("reads OR as ondernemingsraad only when written as the abbreviation", () => {
    expect(analyzer.words("overleg met de OR")).toContain("ondernemingsraad");
    expect(analyzer.words("reorganise or not")).not.toContain("ondernemingsraad");
  });

  it("bridges English field words to Dutch", () => {
    expect(analyzer.words("the works council and the alderman")).toEqual(["ondernemingsraad", "wethouder"]);
    expect(analyzer.words("merging two municipalities")).toEqual(["fusie", "samenvoeging", "two", "gemeenten"]);
  });

  it("splits compounds into words the handbook uses", () => {
    const terms = termsOf("collegeonderhandelingen");
    expect(terms).toEqual(expect.arrayContaining([stem("college"), stem("onderhandelingen")]));
    expect(termsOf("organisatieontwikkeling")).toEqual(
      expect.arrayContaining([stem("organisatie"), stem("ontwikkeling")]),
    );
  });

  it("corrects typos against the handbook's vocabulary", () => {
    expect(termsOf("griffeir")).toContain(stem("griffier"));
    expect(termsOf("herindelling")).toContain(stem("herindeling"));
  });

  it("corrects a word only to one within a few edits", () => {
    const small = new Analyzer(NO_SYNONYMS);
    small.learn(["integriteitsbeleid", "wethouder"]);
    const terms = (text: string) => small.queryTerms(text).map((t) => t.term);
    expect(terms("wethuoder")).toEqual([stem("wethouder")]);
    // fuse.js finds "integriteitsbeleid" close (the same first 13 letters), but it is six edits away
    expect(terms("integriteitsmelding")).toEqual([stem("integriteitsmelding")]);
    expect([maxEdits("wethouder"), maxEdits("integriteitsmelding")]).toEqual([2, 3]);
  });

  it("splits a question's compound into the handbook's and the bank's words, at a lower weight", () => {
    const small = new Analyzer(NO_SYNONYMS);
    small.learn(["integriteit", "integriteitsbeleid", "wethouder"], ["melding", "binnengekomen"]);
    expect(small.queryTerms("integriteitsmelding")).toEqual([
      { term: stem("integriteitsmelding"), weight: SPLIT_WEIGHT },
      { term: stem("integriteit"), weight: SPLIT_WEIGHT },
      { term: stem("melding"), weight: SPLIT_WEIGHT },
    ]);
    // the bank's words are parts for questions only: a handbook text is split against the handbook's
    expect(small.documentTerms("integriteitsmelding")).toEqual([{ term: stem("integriteitsmelding"), weight: 1 }]);
  });

  it("drops stop words and stems Dutch words", () => {
    expect(analyzer.words("Hoe ga ik om met de wethouders?")).toEqual(["wethouder"]);
    expect(stem("bezuinigingen")).toBe(stem("bezuiniging"));
  });
});
