import { describe, expect, it } from "vitest";
import { detectIntent } from "../../src/conversation/intents.ts";

describe("intents before search", () => {
  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["hoi", "greeting"],
    ["Goedemorgen!", "greeting"],
    ["hello", "greeting"],
    ["help", "help"],
    ["Wat kun je?", "help"],
    ["?", "help"],
    ["thema's", "list"],
    ["overzicht", "list"],
    ["les", "lesson-of-the-week"],
    ["les van de week", "lesson-of-the-week"],
    ["leeragenda", "learning-agenda"],
    ["vergeet mij", "forget-me"],
    ["mijn gegevens", "privacy"],
  ])("%j is %s", (text, kind) => {
    expect(detectIntent(text).kind).toBe(kind);
  });

  it.each([
    ["thema 12", "wegwijzer-12"],
    ["#12", "wegwijzer-12"],
    ["Thema 100", "wegwijzer-100"],
    ["les 3", "leren-decentraliseren-les-3"],
    ["agenda 2", "uitvoering-op-zn-kop-agenda-2"],
  ])("%j opens %s", (text, id) => {
    expect(detectIntent(text)).toEqual({ kind: "unit", id });
  });

  it("reads subscription commands with their arguments", () => {
    expect(detectIntent("abonneer")).toMatchObject({ kind: "subscription", command: "subscribe", args: "" });
    expect(detectIntent("abonneer dinsdag 9:00")).toMatchObject({
      kind: "subscription",
      command: "subscribe",
      args: "dinsdag 9:00",
    });
    expect(detectIntent("pauzeer 3 weken")).toMatchObject({ kind: "subscription", command: "pause", args: "3 weken" });
    expect(detectIntent("hervat")).toMatchObject({ kind: "subscription", command: "resume" });
    expect(detectIntent("stop")).toMatchObject({ kind: "subscription", command: "stop" });
    expect(detectIntent("subscribe")).toMatchObject({ kind: "subscription", command: "subscribe" });
  });

  it("treats a question that merely begins with a command word as a question", () => {
    expect(detectIntent("help, mijn wethouder wil meebeslissen over benoemingen")).toMatchObject({ kind: "question" });
    expect(detectIntent("stop ik met de reorganisatie of niet?")).toMatchObject({ kind: "question" });
  });

  it("answers a unit number beyond the book with its range, not with a search", () => {
    expect(detectIntent("thema 101")).toEqual({ kind: "out-of-range", label: "thema", number: 101, max: 100 });
    expect(detectIntent("thema 0")).toEqual({ kind: "out-of-range", label: "thema", number: 0, max: 100 });
    expect(detectIntent("les 8")).toEqual({ kind: "out-of-range", label: "les", number: 8, max: 7 });
    expect(detectIntent("agenda 5")).toEqual({ kind: "out-of-range", label: "agenda", number: 5, max: 4 });
    expect(detectIntent("les 7")).toEqual({ kind: "unit", id: "leren-decentraliseren-les-7" });
  });

  it("reads 👍/👎, +1/-1 as feedback and ja/nee as an answer to a confirmation", () => {
    expect(detectIntent("👍")).toEqual({ kind: "rate", value: "up" });
    expect(detectIntent("👎🏽")).toEqual({ kind: "rate", value: "down" });
    expect(detectIntent("+1")).toEqual({ kind: "rate", value: "up" });
    expect(detectIntent("-1")).toEqual({ kind: "rate", value: "down" });
    expect(detectIntent("ja")).toEqual({ kind: "yes" });
    expect(detectIntent("Nee")).toEqual({ kind: "no" });
  });

  it("reads notes and feedback", () => {
    expect(detectIntent("noteer: ik wil vaker de werkvloer op")).toEqual({
      kind: "note",
      text: "ik wil vaker de werkvloer op",
    });
    expect(detectIntent("feedback: handig!")).toEqual({ kind: "feedback", text: "handig!" });
  });
});

describe("regio commands", () => {
  it.each([
    ["regio", { kind: "region", command: "show", args: "" }],
    ["regio koppel Regio Twente", { kind: "region", command: "link", args: "Regio Twente" }],
    [
      "Regio vraag Hoe bereid ik de formatie voor?",
      { kind: "region", command: "ask", args: "Hoe bereid ik de formatie voor?" },
    ],
    [
      "regio plaats anoniem @slack:T1:C9 Mijn vraag",
      { kind: "region", command: "post", args: "anoniem @slack:T1:C9 Mijn vraag" },
    ],
    ["regio annuleer", { kind: "region", command: "cancel", args: "" }],
    ["regio digest aan", { kind: "region", command: "digest", args: "aan" }],
  ])("%s", (text, intent) => {
    expect(detectIntent(text)).toEqual(intent);
  });

  it("leaves a question that starts with 'regio' a question", () => {
    expect(detectIntent("regio twente werkt slecht samen").kind).toBe("question");
    expect(detectIntent("regionale samenwerking loopt slecht").kind).toBe("question");
  });
});
