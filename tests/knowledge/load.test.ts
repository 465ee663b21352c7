import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { KnowledgeError, loadKnowledge } from "../../src/knowledge/load.ts";
import { KNOWLEDGE_DIR } from "../../src/knowledge/location.ts";

describe("the project's knowledge", () => {
  const knowledge = loadKnowledge(KNOWLEDGE_DIR);
  const count = (source: string, kind: string) =>
    knowledge.units.filter((u) => u.source === source && u.kind === kind).length;

  it("holds all 100 Wegwijzer themes with their book numbers", () => {
    expect(count("wegwijzer", "theme")).toBe(100);
    for (let n = 1; n <= 100; n++) expect(knowledge.byId.get(`wegwijzer-${n}`)?.number).toBe(n);
  });

  it("holds the 7 lessons and the 4 agenda themes under their fixed IDs", () => {
    for (let n = 1; n <= 7; n++) expect(knowledge.byId.get(`leren-decentraliseren-les-${n}`)?.kind).toBe("lesson");
    for (let n = 1; n <= 4; n++) expect(knowledge.byId.get(`uitvoering-op-zn-kop-agenda-${n}`)?.kind).toBe("agenda");
  });

  it("keeps the source's own text in the body", () => {
    expect(knowledge.byId.get("wegwijzer-12")?.body).toContain("Je bent de secretaris voor alle wethouders.");
    expect(knowledge.byId.get("uitvoering-op-zn-kop-agenda-3")?.body).toContain("warm doorverwijzen");
  });

  it("cites every source with title, author and licence", () => {
    const wegwijzer = knowledge.sources.get("wegwijzer");
    expect(wegwijzer?.isbn).toBe("978-94-92952-46-2");
    expect(wegwijzer?.licence).toMatch(/niet-commerci/);
    expect(knowledge.sources.size).toBe(3);
  });
});

describe("loading a broken knowledge folder", () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function copyOfKnowledge(): string {
    dir = mkdtempSync(join(tmpdir(), "wegwijzer-knowledge-"));
    cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
    return dir;
  }
  function problemsOf(folder: string) {
    try {
      loadKnowledge(folder);
    } catch (error) {
      if (error instanceof KnowledgeError) return error.problems;
      throw error;
    }
    throw new Error("expected the load to fail");
  }
  const theme12 = "wegwijzer/012-relatie-met-wethouders.md";
  const edit = (file: string, change: (text: string) => string) =>
    writeFileSync(join(dir, file), change(readFileSync(join(dir, file), "utf8")));

  it("names the file and the field of a missing summary", () => {
    copyOfKnowledge();
    edit(theme12, (t) => t.replace(/^summary:.*\n( {2}.*\n)*/m, ""));
    expect(problemsOf(dir)).toContainEqual(expect.objectContaining({ path: theme12, field: "summary" }));
  });

  it("reports duplicate IDs", () => {
    copyOfKnowledge();
    edit(theme12, (t) => t.replace("id: wegwijzer-12", "id: wegwijzer-13"));
    expect(problemsOf(dir).some((p) => p.field === "id" && /duplicate ID "wegwijzer-13"/.test(p.message))).toBe(true);
  });

  it("reports unknown related IDs", () => {
    copyOfKnowledge();
    edit(theme12, (t) => t.replace("- wegwijzer-4\n", "- wegwijzer-400\n"));
    expect(problemsOf(dir)).toContainEqual(
      expect.objectContaining({ path: theme12, message: 'unknown unit ID "wegwijzer-400"' }),
    );
  });

  it("reports an empty body", () => {
    copyOfKnowledge();
    edit(theme12, (t) => t.replace(/\n---\n[\s\S]*$/, "\n---\n"));
    expect(problemsOf(dir)).toContainEqual(expect.objectContaining({ path: theme12, field: "body" }));
  });

  it("reports a file without front matter and malformed YAML", () => {
    copyOfKnowledge();
    writeFileSync(join(dir, "wegwijzer/zonder.md"), "just text\n");
    writeFileSync(join(dir, "wegwijzer/kapot.md"), "---\nid: [unclosed\n---\nbody\n");
    const paths = problemsOf(dir).map((p) => p.path);
    expect(paths).toContain("wegwijzer/zonder.md");
    expect(paths).toContain("wegwijzer/kapot.md");
  });
});
