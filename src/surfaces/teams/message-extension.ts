import type { App } from "@microsoft/teams.apps";
import type { ThemeSearch } from "../../conversation/share.ts";
import { texts } from "../../conversation/texts.ts";
import type { Logger } from "../../log.ts";
import { shorten } from "../../render/shorten.ts";
import { renderTeamsCard } from "../../render/teams.ts";

/** The command of the search-based message extension (manifests/teams/manifest.json, composeExtensions). */
export const TEAMS_SEARCH_COMMAND = "zoekInDeWegwijzer";
export const TEAMS_SEARCH_PARAMETER = "vraag";

/** A result of the compose-box search: the theme card to insert, and the list entry Teams shows for it. */
export function messageExtensionResults(search: ThemeSearch, query: string) {
  const cards = search.search(query);
  if (!query.trim()) return { composeExtension: { type: "message" as const, text: texts.share.typeQuestion } };
  if (cards.length === 0) return { composeExtension: { type: "message" as const, text: texts.share.nothingFound } };
  return {
    composeExtension: {
      type: "result" as const,
      attachmentLayout: "list" as const,
      attachments: cards.map((card) => ({
        contentType: "application/vnd.microsoft.card.adaptive",
        content: renderTeamsCard(card.reply),
        // the list entry: plain text, no markup
        preview: {
          contentType: "application/vnd.microsoft.card.thumbnail",
          content: {
            title: shorten(card.label.replace(/[<>]/g, ""), 120),
            text: shorten(card.passage.replace(/^[-\u2022] /, "").replace(/[<>]/g, ""), 160),
          },
        },
      })),
    },
  };
}

/**
 * The handbook in Teams' compose box: typing in the message extension searches with the chat's
 * matcher; choosing a result inserts its theme card (title, best passage, source) into the message.
 */
export function registerMessageExtension(app: App, search: ThemeSearch, log: Logger): void {
  app.on("message.ext.query", async ({ activity }) => {
    const value = activity.value;
    if (value.commandId !== TEAMS_SEARCH_COMMAND) {
      log.warn({ platform: "teams" }, "message extension query for an unknown command");
      return { composeExtension: { type: "message", text: texts.notAvailable } };
    }
    const query = String(value.parameters?.find((p) => p.name === TEAMS_SEARCH_PARAMETER)?.value ?? "");
    const results = messageExtensionResults(search, query);
    log.info(
      {
        platform: "teams",
        intent: "message-extension",
        units: "attachments" in results.composeExtension ? results.composeExtension.attachments.length : 0,
      },
      "message extension answered",
    );
    return results as never;
  });
}
