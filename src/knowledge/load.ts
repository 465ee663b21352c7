import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseYaml } from "./yaml-cache.ts";
import type { z } from "zod";
import { splitFrontMatter } from "./front-matter.ts";
import { sourcesFileSchema, unitFrontMatterSchema, type Source, type SourceId, type Unit } from "./schema.ts";

/** One problem in the knowledge folder, with the file and field at fault. */
export interface KnowledgeProblem {
  path: string;
  field?: string | undefined;
  message: string;
}

export class KnowledgeError extends Error {
  constructor(readonly problems: KnowledgeProblem[]) {
    super(
      `knowledge is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((p) => `  ${p.path}${p.field ? ` [${p.field}]` : ""}: ${p.message}`).join("\n"),
    );
    this.name = "KnowledgeError";
  }
}

export interface Knowledge {
  units: readonly Unit[];
  byId: ReadonlyMap<string, Unit>;
  sources: ReadonlyMap<SourceId, Source>;
}

function zodProblems(path: string, error: z.ZodError): KnowledgeProblem[] {
  return error.issues.map((issue) => ({
    path,
    field: issue.path.length ? issue.path.join(".") : undefined,
    message: issue.message,
  }));
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function loadSources(dir: string, problems: KnowledgeProblem[]): Map<SourceId, Source> {
  const path = join(dir, "sources.yaml");
  const sources = new Map<SourceId, Source>();
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, "utf8"));
  } catch (error) {
    problems.push({ path: "sources.yaml", message: (error as Error).message });
    return sources;
  }
  const result = sourcesFileSchema.safeParse(raw);
  if (!result.success) {
    problems.push(...zodProblems("sources.yaml", result.error));
    return sources;
  }
  for (const source of result.data) {
    if (sources.has(source.id))
      problems.push({ path: "sources.yaml", field: "id", message: `duplicate source "${source.id}"` });
    sources.set(source.id, source);
  }
  return sources;
}

function loadUnit(dir: string, file: string, problems: KnowledgeProblem[]): Unit | undefined {
  const path = relative(dir, file);
  let split: ReturnType<typeof splitFrontMatter>;
  try {
    split = splitFrontMatter(readFileSync(file, "utf8"));
  } catch (error) {
    problems.push({ path, message: (error as Error).message });
    return undefined;
  }
  const result = unitFrontMatterSchema.safeParse(split.data);
  if (!result.success) {
    problems.push(...zodProblems(path, result.error));
    return undefined;
  }
  if (!split.body) {
    problems.push({ path, field: "body", message: "the body is empty: it must hold the source's text" });
    return undefined;
  }
  return { ...result.data, body: split.body, path };
}

function checkReferences(
  units: Unit[],
  sources: Map<SourceId, Source>,
  problems: KnowledgeProblem[],
): Map<string, Unit> {
  const byId = new Map<string, Unit>();
  for (const unit of units) {
    const first = byId.get(unit.id);
    if (first)
      problems.push({ path: unit.path, field: "id", message: `duplicate ID "${unit.id}", also in ${first.path}` });
    else byId.set(unit.id, unit);
    if (sources.size && !sources.has(unit.source)) {
      problems.push({ path: unit.path, field: "source", message: `"${unit.source}" is not in sources.yaml` });
    }
  }
  for (const unit of units) {
    unit.related.forEach((id, index) => {
      if (!byId.has(id))
        problems.push({ path: unit.path, field: `related.${index}`, message: `unknown unit ID "${id}"` });
      if (id === unit.id)
        problems.push({ path: unit.path, field: `related.${index}`, message: "a unit cannot relate to itself" });
    });
  }
  return byId;
}

/**
 * Loads and validates every unit in `dir` (Markdown with YAML front matter) and `sources.yaml`.
 * Throws a KnowledgeError listing every problem, each with its file and field.
 */
export function loadKnowledge(dir: string): Knowledge {
  const problems: KnowledgeProblem[] = [];
  const sources = loadSources(dir, problems);
  const units = markdownFiles(dir)
    .map((file) => loadUnit(dir, file, problems))
    .filter((unit): unit is Unit => unit !== undefined);
  if (units.length === 0) problems.push({ path: ".", message: "no knowledge units (*.md) found" });
  const byId = checkReferences(units, sources, problems);
  if (problems.length) throw new KnowledgeError(problems);
  const sourceRank = (id: SourceId) => [...sources.keys()].indexOf(id);
  units.sort((a, b) => sourceRank(a.source) - sourceRank(b.source) || a.order - b.order);
  return { units, byId, sources };
}
