import type { Knowledge } from "../knowledge/load.ts";
import type { Intent } from "./intents.ts";
import type { Reply } from "./reply.ts";
import { texts } from "./texts.ts";

type ListSource = Extract<Intent, { kind: "list" }>["source"];

/** The table of contents of one source (or all), grouped by chapter, numbered as in the book. */
export function composeList(knowledge: Knowledge, which: ListSource): Reply {
  const lines: string[] = [];
  for (const source of knowledge.sources.values()) {
    if (which !== "all" && which !== source.id) continue;
    lines.push(texts.listHeader(source.shortTitle));
    let chapter: string | undefined;
    for (const unit of knowledge.units.filter((u) => u.source === source.id && u.number !== undefined)) {
      if (unit.chapter && unit.chapter !== chapter && source.id === "wegwijzer") {
        chapter = unit.chapter;
        lines.push(`_${chapter}_`);
      }
      lines.push(`${unit.number}. ${unit.title.replace(/^(Les|Agenda) \d: /, "")}`);
    }
    lines.push("");
  }
  lines.push("Typ `thema 12`, `les 3` of `agenda 2` om een onderdeel te openen.");
  return { text: lines.join("\n").trim(), units: [], followUps: [], actions: [] };
}
