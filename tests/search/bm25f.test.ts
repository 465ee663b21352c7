import { describe, expect, it } from "vitest";
import type { Term } from "../../src/search/analyzer.ts";
import { Bm25fIndex, kthLargest } from "../../src/search/bm25f.ts";
import { TypoCorrector } from "../../src/search/typo.ts";

const terms = (text: string): Term[] => text.split(" ").map((term) => ({ term, weight: 1 }));

describe("Bm25fIndex", () => {
  const docs = [
    { title: terms("griffier raad"), body: terms("samenwerking griffier raad agenda") },
    { title: terms("wethouder"), body: terms("wethouder college portefeuille") },
    { title: terms("raad"), body: terms("raad vergadering raad raad") },
    { title: terms("college"), body: terms("college besluit wethouder") },
  ];
  const index = Bm25fIndex.build({ title: { weight: 3, b: 0.5 }, body: { weight: 1, b: 0.75 } }, docs, ["title"]);

  it("ranks by field-weighted, saturated term frequency and idf", () => {
    const hits = index.search(terms("griffier raad"));
    expect(hits.map((h) => h.doc)).toEqual([0, 2]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    // a title word counts more than the same word in the body
    const [title, body] = [index.search(terms("college"))[0]!, index.search(terms("college"))[1]!];
    expect(title.doc).toBe(3);
    expect(body.doc).toBe(1);
  });

  it("counts as topical only terms found in a topical field", () => {
    const [wethouderTitle, wethouderBody] = index.search([{ term: "wethouder", weight: 1 }]);
    expect(wethouderTitle!.topical).toBeCloseTo(index.idf("wethouder"));
    expect(wethouderBody!.topical).toBe(0);
  });

  it("with a limit keeps the best hits of the unlimited search in the same order, ties at the limit included", () => {
    const query = terms("raad wethouder college griffier");
    const all = index.search(query);
    expect(all.length).toBe(4);
    expect(index.search(query, 10)).toEqual(all);
    const limited = index.search(query, 2);
    expect(limited).toEqual(all.slice(0, limited.length));
    expect(limited.length).toBeGreaterThanOrEqual(2);
    const last = limited[limited.length - 1]!.score;
    expect(limited.slice(2).every((h) => h.score === limited[1]!.score)).toBe(true);
    expect(all.slice(limited.length).every((h) => h.score < last)).toBe(true);
    expect(index.search(terms("raad"), 1)).toEqual([index.search(terms("raad"))[0]]);
  });

  it("restored from its snapshot (through JSON), it scores every query exactly as the built index", () => {
    const restored = Bm25fIndex.restore(JSON.parse(JSON.stringify(index.snapshot())));
    for (const query of ["griffier raad", "college wethouder", "raad", "agenda besluit portefeuille", "omgevingswet"]) {
      expect(restored.search(terms(query))).toEqual(index.search(terms(query)));
      for (const t of terms(query)) expect(restored.idf(t.term)).toBe(index.idf(t.term));
    }
  });

  it("refuses a snapshot whose posting arrays do not fit its terms", () => {
    const snapshot = index.snapshot();
    expect(() => Bm25fIndex.restore({ ...snapshot, terms: snapshot.terms.slice(1) })).toThrow(/inconsistent/);
    expect(() => Bm25fIndex.restore({ ...snapshot, topical: "AAA=" })).toThrow(/inconsistent/);
    expect(() => Bm25fIndex.restore({ ...snapshot, offsets: "AAA=" })).toThrow(/multiple of 4/);
    expect(() => Bm25fIndex.restore({ ...snapshot, size: 2 })).toThrow(/does not have/);
  });

  it("selects the k-th largest value as a descending sort would, ties and repeats included", () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (const length of [1, 2, 3, 10, 257, 2000]) {
      for (const distinct of [2, 50, 100000]) {
        const values = Float64Array.from({ length }, () => Math.floor(random() * distinct));
        const sorted = [...values].sort((a, b) => b - a);
        for (const k of [1, 2, Math.ceil(length / 2), length]) {
          if (k > length) continue;
          expect(kthLargest(Float64Array.from(values), k), `${length}/${distinct}/${k}`).toBe(sorted[k - 1]);
        }
      }
    }
  });

  it("a term no document has scores nothing and has the highest idf", () => {
    expect(index.search(terms("omgevingswet"))).toEqual([]);
    expect(index.idf("omgevingswet")).toBeGreaterThan(index.idf("griffier"));
  });
});

describe("TypoCorrector", () => {
  const corrector = new TypoCorrector(["griffier", "gemeentesecretaris", "wethouder", "burgemeester", "begroting"]);

  it("corrects a misspelled word to the nearest handbook word of similar length", () => {
    expect(corrector.correct("grifier")).toBe("griffier");
    expect(corrector.correct("wethoudr")).toBe("wethouder");
    expect(corrector.correct("burgemeeser")).toBe("burgemeester");
  });

  it("leaves words alone that are too short, too far off or too different in length", () => {
    expect(corrector.correct("raad")).toBeUndefined();
    expect(corrector.correct("paraplu")).toBeUndefined();
    expect(corrector.correct("gemeentesecretarissenteam")).toBeUndefined();
  });
});
