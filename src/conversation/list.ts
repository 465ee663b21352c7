import type { Knowledge } from "../knowledge/load.ts";
import type { Intent } from "./intents.ts";
import type { Contents, Reply } from "./reply.ts";
import { texts } from "./texts.ts";

type ListSource = Extract<Intent, { kind: "list" }>["source"];

/** The table of contents of one source (or all), grouped by chapter, numbered as in the book. */
export function composeList(knowledge: Knowledge, which: ListSource): Reply {
  const contents: Contents[] = [];
  for (const source of knowledge.sources.values()) {
    if (which !== "all" && which !== source.id) continue;
    const groups: Contents["groups"] = [];
    for (const unit of knowledge.units.filter((u) => u.source === source.id && u.number !== undefined)) {
      const chapter = source.id === "wegwijzer" ? unit.chapter : undefined;
      let group = groups.at(-1);
      if (!group || group.chapter !== chapter) {
        group = { chapter, items: [] };
        groups.push(group);
      }
      group.items.push({ number: unit.number!, title: unit.title.replace(/^(Les|Agenda) \d: /, "") });
    }
    contents.push({ heading: source.shortTitle, groups });
  }
  return { text: texts.listOpen, units: [], followUps: [], actions: [], contents };
}
