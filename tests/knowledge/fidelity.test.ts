import { describe, expect, it } from "vitest";
import { applyExclusions, measureFidelity, sentences, tokens } from "../../src/knowledge/fidelity.ts";

const seed = [
  "Een gemeentesecretaris werkt in een politieke omgeving waarin de definitie van adequaat niet vaststaat.",
  "De samenleving verwacht meer uit-",
  "voeringskracht dan de overheid levert.",
  "",
  "III",
  "",
  "De ROB1 spreekt van een disbalans in de verhoudingen tussen de overheidslagen.",
].join("\n");

describe("fidelity", () => {
  it("folds case, quotes, hyphenation and footnote numbers", () => {
    expect(tokens("Uit-\nvoering ‘op z’n kop’ ROB1")).toEqual(["uitvoering", "op", "z", "n", "kop", "rob"]);
  });

  it("does not count a roman chapter number as a sentence", () => {
    expect(sentences(seed)).not.toContain("III");
  });

  it("finds every sentence of a faithful rendering", () => {
    const body =
      "Een gemeentesecretaris werkt in een politieke omgeving waarin de definitie van adequaat niet vaststaat. " +
      "De samenleving verwacht meer uitvoeringskracht dan de overheid levert.\n\n" +
      "De ROB spreekt van een disbalans in de verhoudingen tussen de overheidslagen.";
    expect(measureFidelity(seed, [body]).coverage).toBe(1);
  });

  it("misses a paraphrased or dropped sentence", () => {
    const body =
      "Een secretaris werkt in de politiek, waar niemand weet wat adequaat is. " +
      "De samenleving verwacht meer uitvoeringskracht dan de overheid levert.";
    const report = measureFidelity(seed, [body]);
    expect(report.found).toBe(1);
    expect(report.missing).toHaveLength(2);
  });

  it("removes excluded ranges and fails loudly when a marker is absent", () => {
    expect(applyExclusions("a\nCOLOFON\nb\nVOORAF\nc", [{ from: "COLOFON", to: "VOORAF" }])).toBe("a\n\n\nVOORAF\nc");
    expect(() => applyExclusions("a", [{ from: "NIET" }])).toThrow(/not found/);
  });
});
