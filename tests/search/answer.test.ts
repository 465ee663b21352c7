import { describe, expect, it } from "vitest";
import { createBrain } from "../../src/app/brain.ts";

const { answerer } = createBrain();
const ids = (q: string) => answerer.answer(q).results.map((r) => r.id);

describe("answers", () => {
  it("finds the theme for the issue's own example, with the passage that matters", () => {
    const answer = answerer.answer("mijn wethouder P&O wil meebeslissen over wie afdelingsmanager wordt");
    expect(answer.answered).toBe(true);
    expect(ids("mijn wethouder P&O wil meebeslissen over wie afdelingsmanager wordt").slice(0, 3)).toContain(
      "wegwijzer-13",
    );
    expect(answer.results[0]!.passages.length).toBeGreaterThan(0);
    expect(answer.followUps.length).toBeGreaterThanOrEqual(2);
  });

  it("says plainly when the handbook has no answer", () => {
    for (const q of [
      "hoe vraag ik een paspoort aan",
      "Wat is het weer morgen?",
      "Hoe maak ik een draaitabel in Excel?",
    ]) {
      const answer = answerer.answer(q);
      expect(answer.answered, q).toBe(false);
    }
  });

  it("handles typos, missing diacritics, compounds and English", () => {
    expect(ids("relatie met de griffeir")[0]).toBe("wegwijzer-16");
    expect(ids("financien en bedrijfsvoering")).toContain("wegwijzer-26");
    expect(ids("collegeonderhandelingen na de verkiezingen").slice(0, 3)).toContain("wegwijzer-84");
    expect(ids("How do I work with the works council?").slice(0, 3)).toContain("wegwijzer-24");
  });

  it("opens a unit by its title", () => {
    expect(answerer.answer("Hitteschild en kreukelzone").results[0]?.id).toBe("wegwijzer-45");
    expect(answerer.answer("relatie met wethouders").results[0]?.id).toBe("wegwijzer-12");
  });

  it("opens a unit by its title without one of its words, unless that leaves another title's words too", () => {
    // "Rol in financiën en bedrijfsvoering" without "rol"
    expect(answerer.answer("financien en bedrijfsvoering").results.map((r) => r.id)).toEqual(["wegwijzer-26"]);
    // "Relatie met portefeuillehouder …" for several portfolios: a ranked search, not one title
    expect(answerer.answer("relatie met portefeuillehouder").results.length).toBeGreaterThan(1);
  });

  it("passes the passage that matches, not just the first lines", () => {
    const [top] = answerer.answer("Moet ik als secretaris altijd bereikbaar zijn in het weekend?").results;
    expect(top?.id).toBe("wegwijzer-48");
    expect(top?.passages.join(" ")).toMatch(/bereikba/);
  });
});
