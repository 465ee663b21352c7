import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { TerminalSurface } from "../../src/surfaces/terminal.ts";
import { testApp } from "../helpers/bot.ts";

async function chat(lines: string[], notes: string[] = []): Promise<string> {
  const app = await testApp();
  const { core } = app;
  const input = new PassThrough();
  const output = new PassThrough();
  let written = "";
  output.on("data", (chunk: Buffer) => (written += chunk.toString("utf8")));
  const done = new TerminalSurface({ core, input, output, notes }).start();
  for (const line of lines) input.write(`${line}\n`);
  input.end();
  await done;
  await app.close();
  return written;
}

describe("terminal chat", () => {
  it("greets in Dutch, says which platforms are not configured, answers and says goodbye", async () => {
    const out = await chat(["hoe werk ik samen met de griffier?"], ["Slack is niet ingesteld: zet SLACK_BOT_TOKEN …"]);
    expect(out).toContain("Wegwijzer in de terminal");
    expect(out).toContain("Slack is niet ingesteld");
    expect(out).toContain("Bron: Wegwijzer voor de Gemeentesecretaris, thema 16");
    expect(out).toMatch(/Vraag ook:\n {2}1\. /);
    expect(out.trimEnd().endsWith("Tot ziens!")).toBe(true);
  });

  it("asks the numbered follow-up when you type its number", async () => {
    const out = await chat(["hoe werk ik samen met de griffier?", "1"]);
    const firstFollowUp = /Vraag ook:\n {2}1\. (.+)/.exec(out)![1]!;
    const afterPick = out.slice(out.indexOf("jij> ", out.indexOf(firstFollowUp)));
    expect(afterPick).toContain("■ ");
    expect(afterPick).not.toContain("Dat onderdeel bestaat niet");
  });

  it("stops on a quit word and ignores what follows", async () => {
    const out = await chat(["stoppen", "thema 16"]);
    expect(out).not.toContain("thema 16");
    expect(out).toContain("Tot ziens!");
  });

  it("explains that lessons are delivered in Slack or Teams, and shows this week's lesson", async () => {
    const out = await chat(["abonneer", "les"]);
    expect(out).toContain("abonneer in Slack of Teams");
    expect(out).toContain("Les van de week");
  });

  it("says plainly when the handbook has no answer", async () => {
    const out = await chat(["hoe vraag ik een paspoort aan"]);
    expect(out).toContain("Daar geeft het handboek geen antwoord op");
    expect(out).toContain("VNG");
  });
});

describe("terminal paste", () => {
  it("takes a pasted block of lines as one message, not one reply per line", async () => {
    const app = await testApp();
    const input = new PassThrough();
    const output = new PassThrough();
    let written = "";
    output.on("data", (chunk: Buffer) => (written += chunk.toString("utf8")));
    const done = new TerminalSurface({ core: app.core, input, output, pasteWindowMs: 50 }).start();
    // Six lines in one write, as a terminal delivers a paste.
    input.write(
      "Beste collega,\nmijn wethouder wil meebeslissen\nover wie afdelingsmanager wordt.\nHoe ga ik daarmee om?\nGroet,\nJan\n",
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    input.end();
    await done;
    await app.close();
    expect(written.split("jij> ").length - 1).toBe(2); // the first prompt and one after the single answer
  });
});

describe("terminal choices", () => {
  it("a number beyond the shown follow-ups does not open the theme of that number", async () => {
    const out = await chat(["hoe werk ik samen met de griffier?", "12"]);
    expect(out).toContain("Kies een nummer van 1 tot en met");
    expect(out).not.toContain("Hier is het onderdeel dat je vroeg");
  });
});
