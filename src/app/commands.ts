import type { CommandHandler, HomeRequest } from "../conversation/core.ts";
import type { Incoming } from "../conversation/incoming.ts";
import type { Intent } from "../conversation/intents.ts";
import type { Action, Reply } from "../conversation/reply.ts";

/** Several command handlers as one: the first that answers an intent wins; home sections and extra buttons are joined. */
export function combineCommands(...handlers: CommandHandler[]): CommandHandler {
  return {
    async handle(intent: Intent, incoming: Incoming): Promise<Reply | undefined> {
      for (const handler of handlers) {
        const reply = await handler.handle(intent, incoming);
        if (reply) return reply;
      }
      return undefined;
    },
    async home(request: HomeRequest): Promise<Reply[]> {
      const sections: Reply[] = [];
      for (const handler of handlers) sections.push(...((await handler.home?.(request)) ?? []));
      return sections;
    },
    async extraActions(incoming: Incoming, question: string): Promise<Action[]> {
      const actions: Action[] = [];
      for (const handler of handlers) actions.push(...((await handler.extraActions?.(incoming, question)) ?? []));
      return actions;
    },
  };
}
