import { describe, expect, it } from "vitest";
import { createBrain } from "../../src/app/brain.ts";
import { rawTokens } from "../../src/search/normalize.ts";
import { stem } from "../../src/search/stem.ts";

const { matcher } = createBrain();
const analyzer = matcher.analyzer;
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

  it("drops stop words and stems Dutch words", () => {
    expect(analyzer.words("Hoe ga ik om met de wethouders?")).toEqual(["wethouder"]);
    expect(stem("bezuinigingen")).toBe(stem("bezuiniging"));
  });
});
