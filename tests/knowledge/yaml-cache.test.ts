import { afterEach, describe, expect, it } from "vitest";
import { loadBank } from "../../src/knowledge/bank.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { KNOWLEDGE_DIR } from "../../src/knowledge/location.ts";
import { parseYaml, recordYaml, setYamlCache, yamlKey } from "../../src/knowledge/yaml-cache.ts";

describe("the parsed-YAML cache", () => {
  afterEach(() => setYamlCache(undefined));

  it("serves a text whose hash it holds, once, and parses any other text", () => {
    setYamlCache({ [yamlKey("a: 1")]: { a: "from the cache" } });
    expect(parseYaml("a: 1")).toEqual({ a: "from the cache" });
    expect(parseYaml("a: 3")).toEqual({ a: 3 });
    // handed out once, then parsed: two loads never share objects
    expect(parseYaml("a: 1")).toEqual({ a: 1 });
  });

  it("records what loading the knowledge parses, and loads the same knowledge from it", () => {
    setYamlCache({});
    const stop = recordYaml();
    const fresh = loadKnowledge(KNOWLEDGE_DIR);
    const freshBank = loadBank(KNOWLEDGE_DIR, fresh);
    const entries = stop();
    expect(Object.keys(entries).length).toBeGreaterThan(200);
    setYamlCache(JSON.parse(JSON.stringify(entries)));
    const cached = loadKnowledge(KNOWLEDGE_DIR);
    expect(cached.units).toEqual(fresh.units);
    expect(loadBank(KNOWLEDGE_DIR, cached)).toEqual(freshBank);
  });
});
