import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import type { Incoming } from "../../src/conversation/incoming.ts";
import { renderText } from "../../src/render/text.ts";
import { testApp } from "../helpers/bot.ts";
import { storeBackends } from "../helpers/postgres.ts";

const backends = await storeBackends();

describe.each(backends)("mijn gegevens and vergeet mij with 'vraag het de regio': $name", ({ url, skip }) => {
  let app: App;
  beforeEach(async (ctx) => {
    if (skip) ctx.skip();
    app = await testApp({ env: { DATABASE_URL: url() }, now: () => new Date("2026-11-23T10:00:00Z") });
  });
  afterEach(async () => {
    await app?.close();
  });

  it("lists her regions and her questions to the region, and forgets them after the confirmation", async () => {
    const user = `U${Math.random().toString(36).slice(2, 10)}`;
    const dm = (text: string): Incoming => ({
      platform: "slack",
      conversationId: `slack:T1:D${user}`,
      userId: user,
      text,
      isDirect: true,
    });
    const region = `slack:T1:C${user}`;
    await app.store.regions.register(region, "slack", "Regio Twente", new Date("2026-11-01T10:00:00Z"));
    await app.store.regions.link(region, `slack:${user}`);
    const q = await app.store.regions.addQuestion(
      {
        regionId: region,
        userKey: `slack:${user}`,
        dmConversationId: `slack:T1:D${user}`,
        anonymous: true,
        unitIds: ["wegwijzer-84"],
        threadRef: "1700.5",
      },
      new Date("2026-11-20T10:00:00Z"),
    );
    await app.store.regions.countReply(q.id);
    await app.store.regions.countReply(q.id);

    const listed = renderText(await app.core.handle(dm("mijn gegevens")));
    expect(listed).toContain("Je bent gekoppeld aan Regio Twente");
    expect(listed).toContain(
      'Je stelde 1 vraag via "vraag het de regio" (Regio Twente, 20 nov 2026, anoniem, 2 antwoorden doorgestuurd)',
    );

    const ask = renderText(await app.core.handle(dm("vergeet mij")));
    expect(ask).toContain("je koppelingen aan regio's en je vragen aan de regio");
    expect(await app.store.regions.linksOf(`slack:${user}`)).toEqual([region]); // nothing before the confirmation
    await app.core.handle(dm("ja"));
    expect(await app.store.regions.linksOf(`slack:${user}`)).toEqual([]);
    expect(await app.store.regions.questionsOf(`slack:${user}`)).toEqual([]);
    expect(await app.store.regions.questionByThread(region, "1700.5")).toBeUndefined();
    const after = renderText(await app.core.handle(dm("mijn gegevens")));
    expect(after).toContain("Je bent niet gekoppeld aan een regio.");
    expect(after).not.toContain("vraag het de regio");
    expect(await app.store.regions.get(region)).toBeDefined(); // the region's channel stays registered
  });
});
