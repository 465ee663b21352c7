import type { App } from "@slack/bolt";
import { z } from "zod";
import type { ThemeCard, ThemeSearch } from "../../conversation/share.ts";
import { texts } from "../../conversation/texts.ts";
import type { Logger } from "../../log.ts";
import { renderSlack, SLACK_LIMITS, type SlackBlock } from "../../render/slack.ts";
import { shorten } from "../../render/shorten.ts";

/** callback_ids in manifests/slack/manifest.yml */
export const SLACK_SHORTCUTS = {
  global: "wegwijzer_zoek",
  message: "wegwijzer_zoek_bericht",
  modal: "wegwijzer_zoek_modal",
  share: "wegwijzer_deel",
} as const;

const shareValue = z.object({ u: z.string().regex(/^[a-z0-9-]{1,100}$/), q: z.string().max(1500) });

type Respond = (message: Record<string, unknown>) => Promise<unknown>;

/** The ephemeral answer: each theme card with a button to share that theme in the channel. */
export function shortcutAnswer(cards: ThemeCard[], question: string): { text: string; blocks: SlackBlock[] } {
  if (cards.length === 0) return renderSlack({ text: texts.share.nothingFound, units: [], followUps: [], actions: [] });
  const blocks: SlackBlock[] = [{ type: "section", text: { type: "mrkdwn", text: texts.share.results(cards.length) } }];
  for (const card of cards.slice(0, 3)) {
    const rendered = renderSlack({ ...card.reply, text: "" });
    blocks.push(...rendered.blocks.filter((b) => !(b.type === "section" && (b.text?.text ?? "").trim() === "")));
    blocks.push({
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: SLACK_SHORTCUTS.share,
          text: { type: "plain_text", text: texts.share.shareButton },
          value: JSON.stringify({ u: card.unitId, q: shorten(question, 1500) }),
          style: "primary",
        },
      ],
    });
  }
  return {
    text: `${texts.share.results(cards.length)} ${cards.map((c) => c.label).join(" · ")}`.slice(
      0,
      SLACK_LIMITS.fallbackText,
    ),
    blocks: blocks.slice(0, SLACK_LIMITS.blocks),
  };
}

/**
 * "Zoek in de Wegwijzer" in Slack: a global shortcut (a modal asks the question and where to show
 * the answer) and a message shortcut (the message's text is the question). The answer is ephemeral,
 * with a button per theme to share it in the channel; sharing posts the theme card there.
 */
export function registerShortcuts(app: App, search: ThemeSearch, log: Logger): void {
  app.shortcut(SLACK_SHORTCUTS.global, async ({ ack, shortcut, client }) => {
    await ack();
    await client.views.open({
      trigger_id: shortcut.trigger_id,
      view: {
        type: "modal",
        callback_id: SLACK_SHORTCUTS.modal,
        title: { type: "plain_text", text: texts.share.modalTitle },
        submit: { type: "plain_text", text: texts.share.modalSubmit },
        close: { type: "plain_text", text: texts.share.modalClose },
        blocks: [
          {
            type: "input",
            block_id: "vraag",
            label: { type: "plain_text", text: texts.share.modalQuestion },
            element: {
              type: "plain_text_input",
              action_id: "vraag",
              multiline: true,
              max_length: 2000,
              placeholder: { type: "plain_text", text: texts.share.modalQuestionHint },
            },
          },
          // response_url_enabled: Slack gives a response_url for the chosen conversation, so the answer can be ephemeral there
          {
            type: "input",
            block_id: "kanaal",
            label: { type: "plain_text", text: texts.share.modalChannel },
            element: {
              type: "conversations_select",
              action_id: "kanaal",
              default_to_current_conversation: true,
              response_url_enabled: true,
            },
          },
        ],
      },
    });
  });

  app.view(SLACK_SHORTCUTS.modal, async ({ ack, view, respond }) => {
    await ack();
    const question = view.state.values.vraag?.vraag?.value ?? "";
    const cards = search.search(question, 3);
    log.info({ platform: "slack", intent: "shortcut", units: cards.map((c) => c.unitId) }, "shortcut answered");
    await (respond as Respond | undefined)?.({ response_type: "ephemeral", ...shortcutAnswer(cards, question) });
  });

  app.shortcut(SLACK_SHORTCUTS.message, async ({ ack, shortcut, respond }) => {
    await ack();
    const question = shortcut.type === "message_action" ? (shortcut.message.text ?? "").trim() : "";
    if (!question) {
      await respond({ response_type: "ephemeral", text: texts.share.noMessageText });
      return;
    }
    const cards = search.search(question, 3);
    log.info({ platform: "slack", intent: "message-shortcut", units: cards.map((c) => c.unitId) }, "shortcut answered");
    await respond({ response_type: "ephemeral", ...shortcutAnswer(cards, question) });
  });

  app.action(SLACK_SHORTCUTS.share, async ({ ack, action, respond }) => {
    await ack();
    let parsed: z.infer<typeof shareValue> | undefined;
    try {
      parsed = shareValue.parse(JSON.parse("value" in action ? String(action.value) : ""));
    } catch {
      parsed = undefined;
    }
    const card = parsed ? search.card(parsed.u, parsed.q) : undefined;
    if (!card) {
      await respond({ response_type: "ephemeral", replace_original: false, text: texts.share.gone });
      return;
    }
    // Through the response_url: the theme reaches the channel even where the bot is not a member.
    await respond({ response_type: "in_channel", replace_original: false, ...renderSlack(card.reply) });
    await respond({ response_type: "ephemeral", replace_original: true, text: texts.share.shared });
    log.info({ platform: "slack", intent: "share", units: [card.unitId] }, "theme shared in a channel");
  });
}
