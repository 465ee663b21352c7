import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseYaml } from "../knowledge/yaml-cache.ts";
import { z } from "zod";
import { KnowledgeError, type Knowledge, type KnowledgeProblem } from "../knowledge/load.ts";
import type { Unit } from "../knowledge/schema.ts";

const lessonsFileSchema = z
  .object({
    starterFirst: z.array(z.string().min(1)).min(1),
    sequence: z
      .array(z.object({ unit: z.string().min(1), reflection: z.string().trim().min(10).max(400) }).strict())
      .min(1),
  })
  .strict();

export interface Lesson {
  unit: Unit;
  reflection: string;
}

export type Track = "standaard" | "starter";

/** The order of the les van de week, per track. */
export interface LessonPlan {
  tracks: Record<Track, readonly Lesson[]>;
  byUnit: ReadonlyMap<string, Lesson>;
  /** the units the starter track gives first, before anything else (also before the calendar) */
  starterFirst: readonly string[];
}

/** The units that must each be a lesson exactly once: every theme, lesson and agenda theme. */
function required(knowledge: Knowledge): Unit[] {
  return knowledge.units.filter((u) => ["theme", "lesson", "agenda"].includes(u.kind));
}

/** Loads `knowledge/lessons.yaml` and checks it covers every required unit exactly once. */
export function loadLessonPlan(dir: string, knowledge: Knowledge): LessonPlan {
  const path = "lessons.yaml";
  const problems: KnowledgeProblem[] = [];
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(join(dir, path), "utf8"));
  } catch (error) {
    throw new KnowledgeError([{ path, message: (error as Error).message }]);
  }
  const result = lessonsFileSchema.safeParse(raw);
  if (!result.success) {
    throw new KnowledgeError(result.error.issues.map((i) => ({ path, field: i.path.join("."), message: i.message })));
  }
  const byUnit = new Map<string, Lesson>();
  const standard: Lesson[] = [];
  result.data.sequence.forEach((entry, index) => {
    const unit = knowledge.byId.get(entry.unit);
    if (!unit) problems.push({ path, field: `sequence.${index}.unit`, message: `unknown unit ID "${entry.unit}"` });
    else if (byUnit.has(unit.id))
      problems.push({ path, field: `sequence.${index}.unit`, message: `"${unit.id}" appears twice` });
    else {
      const lesson = { unit, reflection: entry.reflection };
      byUnit.set(unit.id, lesson);
      standard.push(lesson);
    }
  });
  for (const unit of required(knowledge)) {
    if (!byUnit.has(unit.id))
      problems.push({ path, field: "sequence", message: `"${unit.id}" (${unit.title}) is missing` });
  }
  const first = result.data.starterFirst.map((id, index) => {
    const lesson = byUnit.get(id);
    if (!lesson) problems.push({ path, field: `starterFirst.${index}`, message: `"${id}" is not in the sequence` });
    return lesson;
  });
  if (problems.length) throw new KnowledgeError(problems);
  const starterIds = new Set(result.data.starterFirst);
  const starter = [...(first as Lesson[]), ...standard.filter((l) => !starterIds.has(l.unit.id))];
  return { tracks: { standaard: standard, starter }, byUnit, starterFirst: result.data.starterFirst };
}
