import type { Button } from "@slack/types";
import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/conversation/reply.ts";
import { decodeClick } from "../../src/render/click-codec.ts";
import { escapeSlack, renderSlack, SLACK_LIMITS, type SlackBlock } from "../../src/render/slack.ts";

function reply(overrides: Partial<Reply> = {}): Reply {
  return {
    text: "Dit thema uit het handboek past bij je vraag:",
    units: [
      {
        id: "wegwijzer-16",
        title: "Relatie met de griffier",
        citation: {
          book: "Wegwijzer voor de Gemeentesecretaris",
          label: "thema 16",
          chapter: "Adviseur van het college",
        },
        passages: ["- Eerste punt.", "- Tweede punt."],
      },
    ],
    followUps: ["Hoe werk ik samen met de griffier?"],
    actions: [{ kind: "read-more", label: "Lees het hele thema: thema 16", unitId: "wegwijzer-16" }],
    ...overrides,
  };
}

const texts = (blocks: SlackBlock[]) =>
  blocks.flatMap((b) =>
    b.type === "section"
      ? [b.text?.text ?? ""]
      : b.type === "context"
        ? b.elements.flatMap((e) => ("text" in e ? [e.text] : []))
        : [],
  );
const buttons = (blocks: SlackBlock[]) =>
  blocks.flatMap((b) => (b.type === "actions" ? b.elements.filter((e): e is Button => e.type === "button") : []));

describe("Slack rendering", () => {
  it("escapes broadcasts, user mentions and markup so nobody is pinged", () => {
    expect(escapeSlack("<!channel> <!here> <@U123> a & b <https://x|klik>")).toBe(
      "&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; a &amp; b &lt;https://x|klik&gt;",
    );
    const message = renderSlack(reply({ units: [{ ...reply().units[0]!, passages: ["<!channel> kijk <@U999>"] }] }));
    const all = JSON.stringify(message);
    expect(all).not.toContain("<!channel>");
    expect(all).not.toContain("<@U999>");
  });

  it("cites the source under each unit and offers follow-ups, read-more and the click round-trips", () => {
    const message = renderSlack(reply());
    expect(texts(message.blocks)).toContain(
      "Bron: Wegwijzer voor de Gemeentesecretaris, thema 16 (Adviseur van het college)",
    );
    const [followUp, readMore] = buttons(message.blocks);
    expect(decodeClick(followUp!.value)).toEqual({ kind: "ask", question: "Hoe werk ik samen met de griffier?" });
    expect(decodeClick(readMore!.value)).toEqual({ kind: "read-more", unitId: "wegwijzer-16" });
    expect(new Set(buttons(message.blocks).map((b) => b.action_id)).size).toBe(buttons(message.blocks).length);
  });

  it("keeps to Slack's limits by shortening, with a 'lees verder' for what was cut", () => {
    const long = "Een zin over het bestuur. ".repeat(400);
    const many = Array.from({ length: 30 }, (_, i) => ({
      ...reply().units[0]!,
      id: `wegwijzer-${i + 1}`,
      passages: [long],
    }));
    const message = renderSlack(reply({ units: many, followUps: ["x".repeat(300)], actions: [] }));
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    for (const text of texts(message.blocks)) expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    for (const button of buttons(message.blocks)) {
      expect(button.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonLabel);
      expect(button.value!.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
    }
    expect(JSON.stringify(message)).toContain("ingekort");
    expect(buttons(message.blocks).some((b) => decodeClick(b.value)?.kind === "read-more")).toBe(true);
    expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  });

  it("shortens a 2000-character follow-up so its button value still fits", () => {
    const message = renderSlack(reply({ followUps: ["vraag ".repeat(400)] }));
    const value = buttons(message.blocks)[0]!.value!;
    expect(value.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
    expect(decodeClick(value)?.kind).toBe("ask");
  });
});
