import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/conversation/reply.ts";
import { escapeTeams, renderTeamsCard, TEAMS_CARD_MAX_BYTES } from "../../src/render/teams.ts";

const unit = {
  id: "wegwijzer-16",
  title: "Relatie met de griffier",
  citation: { book: "Wegwijzer voor de Gemeentesecretaris", label: "thema 16" },
  passages: ["- Eerste punt."],
};
const base: Reply = {
  text: "Dit thema past bij je vraag:",
  units: [unit],
  followUps: ["Wat doet de griffier?"],
  actions: [],
};

describe("Teams rendering", () => {
  it("escapes markdown and HTML", () => {
    expect(escapeTeams("**vet** [link](http://x) <b>html</b> _schuin_")).toBe(
      "\\*\\*vet\\*\\* \\[link\\](http://x) &lt;b&gt;html&lt;/b&gt; \\_schuin\\_",
    );
    // CommonMark drops a backslash only before punctuation: "1\." hides the list, "\1." would show.
    expect(escapeTeams("- geen lijst\n1. ook niet\n## geen kop")).toBe("\\- geen lijst\n1\\. ook niet\n\\## geen kop");
  });

  it("is an Adaptive Card 1.5 with Action.Execute, an Action.Submit fallback and the source", () => {
    const card = renderTeamsCard(base);
    const json = JSON.stringify(card);
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
    expect(json).toContain('"type":"Action.Execute"');
    expect(json).toContain('"verb":"wegwijzer"');
    expect(json).toMatch(/"fallback":\{"type":"Action.Submit"/);
    expect(json).toContain("Bron: Wegwijzer voor de Gemeentesecretaris, thema 16");
  });

  it("stays below Teams' message size by shortening passages, offering 'lees verder'", () => {
    const long = "Een zin over het bestuur. ".repeat(300);
    const card = renderTeamsCard({
      ...base,
      units: Array.from({ length: 6 }, (_, i) => ({ ...unit, id: `wegwijzer-${i + 1}`, passages: [long, long, long] })),
    });
    const json = JSON.stringify(card);
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
    expect(json).toContain("ingekort");
    expect(json).toContain("Lees verder");
  });
});
