import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConversationCore } from "../../src/conversation/core.ts";
import type { Incoming } from "../../src/conversation/incoming.ts";
import { renderText } from "../../src/render/text.ts";
import type { Store } from "../../src/store/store.ts";
import { sharedPlan, testApp } from "../helpers/bot.ts";

let store: Store;
let core: ConversationCore;
let clock = new Date("2026-11-23T10:00:00Z");

beforeEach(async () => {
  clock = new Date("2026-11-23T10:00:00Z");
  ({ store, core } = await testApp({ now: () => clock }));
});
afterEach(async () => {
  await store.close();
});

const dm = (text: string, user = "U1"): Incoming => ({
  platform: "slack",
  conversationId: `slack:T1:${user}`,
  userId: user,
  text,
  isDirect: true,
});
const channel = (text: string, user = "U1"): Incoming => ({
  platform: "slack",
  conversationId: "slack:T1:C1",
  userId: user,
  text,
  isDirect: false,
});
const say = async (incoming: Incoming) => renderText(await core.handle(incoming));

describe("subscription commands in chat", () => {
  it("subscribe, status, pause, resume and stop, in Dutch, with the next date", async () => {
    expect(await say(dm("status"))).toContain("geen abonnement");
    expect(await say(dm("abonneer"))).toContain(
      "elke maandag om 08:30 (Europe/Amsterdam). De eerste les komt maandag 30 november om 08:30",
    );
    expect(await say(dm("abonneer donderdag 7:15 Europe/Brussels"))).toContain(
      "elke donderdag om 07:15 (Europe/Brussels)",
    );
    expect(await say(dm("status"))).toContain("Je had 0 van de 111 lessen");
    expect(await say(dm("pauzeer 3 weken"))).toContain("gepauzeerd tot maandag 14 december");
    expect(await say(dm("status"))).toContain("Gepauzeerd tot");
    expect(await say(dm("pauzeer 99 weken"))).toContain("Pauzeer voor 1 tot 52 weken");
    expect(await say(dm("hervat"))).toContain("De volgende les komt donderdag 26 november");
    expect(await say(dm("stop"))).toContain("afgemeld");
    expect(await say(dm("status"))).toContain("staat stil (afgemeld)");
    expect(await say(dm("abonneer elke dag"))).toContain('Dat begrijp ik niet: "dag"');
  });

  it("announces changes in a shared channel, not in a DM", async () => {
    expect((await core.handle(channel("abonneer"))).announce).toContain("geabonneerd");
    expect((await core.handle(channel("pauzeer 2 weken"))).announce).toContain("gepauzeerd");
    expect((await core.handle(channel("stop"))).announce).toContain("afgemeld");
    expect((await core.handle(dm("abonneer"))).announce).toBeUndefined();
  });

  it("shows the current lesson at any time: with the subscription's next lesson or the week's lesson", async () => {
    const card = await core.handle(dm("les"));
    expect(card.text).toContain("Les van de week");
    expect(card.reflection).toBeTruthy();
    expect(card.actions.map((a) => a.label)).toContain("Abonneer op de les van de week");
    await core.handle(dm("abonneer starter"));
    const starter = await core.handle(dm("les"));
    expect(starter.units[0]!.id).toBe("wegwijzer-98");
    expect(starter.actions.map((a) => a.label)).toEqual([
      "Lees het hele thema",
      "Noteer je reflectie",
      "Pauzeer",
      "Afmelden",
    ]);
    const inChannel = await core.handle(channel("les"));
    expect(inChannel.actions.map((a) => a.label)).toContain("Bespreek in thread");
  });

  it("opens a discussion in the thread with the lesson's reflection question", async () => {
    const reply = await core.handle({ ...channel(""), click: { kind: "command", command: "bespreek wegwijzer-98" } });
    expect(reply.text).toContain("Bespreek met elkaar");
    expect(reply.text).toContain(sharedPlan().byUnit.get("wegwijzer-98")!.reflection);
  });
});

describe("leeragenda and privacy", () => {
  it("notes reflections in a DM with their lesson, lists them, and keeps them out of channels", async () => {
    await core.handle(dm("abonneer starter"));
    expect(await say(dm("noteer"))).toContain("Typ `noteer` gevolgd door".replace(/`/g, ""));
    expect(await say(dm("noteer Ik wil vaker de burgemeester vooraf spreken."))).toContain(
      "Genoteerd in je leeragenda bij thema 98",
    );
    expect(await say(channel("noteer iets geheims"))).toContain("privégesprek");
    const agenda = await say(dm("leeragenda"));
    expect(agenda).toContain("thema 98");
    expect(agenda).toContain("Ik wil vaker de burgemeester vooraf spreken.");
    expect(await say(dm("leeragenda", "U2"))).toContain("nog leeg");
  });

  it("lists what is stored and forgets the user after a confirmation", async () => {
    await store.saveConversation({
      id: "slack:T1:U1",
      platform: "slack",
      isDirect: true,
      userId: "U1",
      reference: { channel: "D1" },
    });
    await core.handle(dm("abonneer"));
    await core.handle(channel("abonneer"));
    await core.handle(dm("noteer een gedachte"));
    expect(await say(dm("mijn gegevens"))).toContain(
      "1 notitie(s) in je leeragenda, 2 abonnement(en) die jij hebt gestart en 1 privégesprek(ken)",
    );
    const ask = await core.handle(dm("vergeet mij"));
    expect(ask.text).toContain("Weet je het zeker?");
    expect(await store.notes.list("slack:U1")).toHaveLength(1); // nothing deleted before the confirmation
    expect(await say(dm("vergeet mij niet"))).toContain("niets verwijderd");
    const confirm = ask.actions.find((a) => a.kind === "command" && a.style === "danger")!;
    const done = await core.handle({
      ...dm(""),
      click: { kind: "command", command: (confirm as { command: string }).command },
    });
    expect(done.text).toContain("verwijderd");
    expect(await store.notes.list("slack:U1")).toHaveLength(0);
    expect(await store.subscriptions.get("slack:T1:U1")).toBeUndefined();
    expect(await store.getConversation("slack:T1:U1")).toBeUndefined();
    const channelSub = await store.subscriptions.get("slack:T1:C1");
    expect(channelSub?.active).toBe(true); // the channel keeps its lesson
    expect(channelSub?.createdBy).toBe("");
    expect(await say(dm("mijn gegevens"))).toContain("0 notitie(s) in je leeragenda, 0 abonnement(en)");
  });
});

describe("one current lesson per conversation", () => {
  it("a note is filed under the lesson that les shows, subscribed or not", async () => {
    const shown = await core.handle(dm("les"));
    expect(await say(dm("noteer Ik wil vaker vooraf afstemmen."))).toContain(
      `bij thema ${shown.units[0]!.id.replace("wegwijzer-", "")}`,
    );
    await core.handle(dm("abonneer"));
    const after = await core.handle(dm("les"));
    expect(await say(dm("noteer Nog een gedachte."))).toContain(
      `bij thema ${after.units[0]!.id.replace("wegwijzer-", "")}`,
    );
  });
});
