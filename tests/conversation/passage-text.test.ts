import { describe, expect, it } from "vitest";
import { composeAnswer, composeUnit } from "../../src/conversation/compose.ts";
import { showPassage } from "../../src/conversation/passage-text.ts";
import { composeLessonCard } from "../../src/lessons/card.ts";
import { renderSlack } from "../../src/render/slack.ts";
import { renderTeamsCard } from "../../src/render/teams.ts";
import { renderText } from "../../src/render/text.ts";
import { blocksOf } from "../../src/search/passages.ts";
import { sharedBrain, sharedPlan } from "../helpers/bot.ts";

const { knowledge, answerer } = sharedBrain();
const HEADING = /(^|[\s•*>])#{1,6}\s/m;
/** every text the three renderers put in front of a reader */
const rendered = (reply: Parameters<typeof renderText>[0]) => [
  renderText(reply),
  JSON.stringify(renderSlack(reply)),
  JSON.stringify(renderTeamsCard(reply)),
];

/** Whether a line of the body is a bullet that starts with this text. */
function isBulletOf(body: string, text: string): boolean {
  return body
    .split("\n")
    .some((l) => /^\s*[-*•]\s+/.test(l) && l.replace(/^\s*[-*•]\s+/, "").startsWith(text.slice(0, 40)));
}

describe("passages as a reader sees them", () => {
  it("no block of any unit is shown with a markdown heading or from the middle of a sentence", () => {
    const bad: string[] = [];
    for (const unit of knowledge.units) {
      for (const [i, block] of blocksOf(unit.body).entries()) {
        const shown = showPassage(block, unit.body);
        if (HEADING.test(shown)) bad.push(`${unit.id} block ${i + 1}: heading`);
        if (/^[a-zà-ÿ]/.test(shown) && !isBulletOf(unit.body, shown))
          bad.push(`${unit.id} block ${i + 1}: mid-sentence`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("widens a window cut at an abbreviation or a title with '!' to the whole sentence", () => {
    const unit = knowledge.byId.get("uitvoering-op-zn-kop-ambachtelijke-leider-en-gemoedsrust")!;
    const cut = blocksOf(unit.body).find((b) => b.startsWith("wordt overtuigend aangetoond"))!;
    expect(showPassage(cut, unit.body)).toMatch(
      /^In het nog steeds zeer behartenswaardige boek van Joost Cox e\.a\. wordt/,
    );
    const motto = knowledge.byId.get("uitvoering-op-zn-kop-uitvoeringsdriehoek")!;
    const ending = blocksOf(motto.body).find((b) => b.endsWith("Het motto Uitvoering op z’n kop!"))!;
    expect(showPassage(ending, motto.body)).toMatch(/Het motto Uitvoering op z’n kop! gaat over .* uitvoering\.$/);
  });

  it("shows a bullet that continues its list's lead-in with that lead-in", () => {
    const unit = knowledge.byId.get("leren-decentraliseren-bevindingen")!;
    const bullet = blocksOf(unit.body).find((b) => b.startsWith("zien de transformatie"))!;
    expect(showPassage(bullet, unit.body)).toBe(`Gemeentesecretarissen: ${bullet.trim()}`);
  });

  it("'Lees het hele thema' shows no heading marker in Slack, Teams or the terminal", () => {
    const bad: string[] = [];
    for (const unit of knowledge.units) {
      for (const out of rendered(composeUnit(unit, knowledge))) if (HEADING.test(out)) bad.push(unit.id);
    }
    expect(bad).toEqual([]);
    const agenda = renderText(composeUnit(knowledge.byId.get("uitvoering-op-zn-kop-agenda-2")!, knowledge));
    expect(agenda).not.toContain("### 2.");
    expect(agenda).toContain("Maatwerk is noodzakelijk");
  });

  it("no lesson card shows a heading marker in any renderer", () => {
    const bad: string[] = [];
    for (const lesson of sharedPlan().tracks.standaard) {
      const card = composeLessonCard(lesson, { isDirect: true, state: "none", knowledge, answerer });
      for (const out of rendered(card)) if (HEADING.test(out)) bad.push(lesson.unit.id);
    }
    expect(bad).toEqual([]);
  });

  it("an answer about the essay's notes shows them without '### Noten' in every renderer", () => {
    const reply = composeAnswer(answerer.answer("Uitvoering: van sluitstuk naar startpunt ROB 2020 noten"), knowledge);
    const passages = reply.units.flatMap((u) => u.passages);
    expect(passages.length).toBeGreaterThan(0);
    for (const out of rendered(reply)) expect(out).not.toMatch(HEADING);
  });
});
