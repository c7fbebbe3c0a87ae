/**
 * The required structure of a SARIF 2.1.0 log, hand-written from the OASIS
 * schema (sarif-schema-2.1.0.json) for the parts this tool emits: required
 * properties, enums, minimums, `additionalProperties: false` on each object
 * kind, and the ruleId/ruleIndex consistency of §3.27.6. Used by the tests of
 * format-sarif and of the CLI; returns every violation as a JSON-pointer-ish
 * path and a reason, so a failure says what to fix.
 */

type Json = unknown;

// prettier-ignore
const KEYS = {
  log: ["$schema", "version", "runs", "inlineExternalProperties", "properties"],
  run: [
    "tool", "invocations", "conversion", "language", "versionControlProvenance", "originalUriBaseIds", "artifacts",
    "logicalLocations", "graphs", "results", "automationDetails", "runAggregates", "baselineGuid", "redactionTokens",
    "defaultEncoding", "defaultSourceLanguage", "newlineSequences", "columnKind", "externalPropertyFileReferences",
    "threadFlowLocations", "taxonomies", "addresses", "translations", "policies", "webRequests", "webResponses",
    "specialLocations", "properties",
  ],
  tool: ["driver", "extensions", "properties"],
  toolComponent: [
    "guid", "name", "organization", "product", "productSuite", "shortDescription", "fullDescription", "fullName",
    "version", "semanticVersion", "dottedQuadFileVersion", "releaseDateUtc", "downloadUri", "informationUri",
    "globalMessageStrings", "notifications", "rules", "taxa", "locations", "language", "contents", "isComprehensive",
    "localizedDataSemanticVersion", "minimumRequiredLocalizedDataSemanticVersion", "associatedComponent",
    "translationMetadata", "supportedTaxonomies", "properties",
  ],
  reportingDescriptor: [
    "id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames", "shortDescription", "fullDescription",
    "messageStrings", "defaultConfiguration", "helpUri", "help", "relationships", "properties",
  ],
  multiformatMessageString: ["text", "markdown", "properties"],
  reportingConfiguration: ["enabled", "level", "rank", "parameters", "properties"],
  result: [
    "ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget", "locations", "guid", "correlationGuid",
    "occurrenceCount", "partialFingerprints", "fingerprints", "stacks", "codeFlows", "graphs", "graphTraversals",
    "relatedLocations", "suppressions", "baselineState", "rank", "attachments", "hostedViewerUri", "workItemUris",
    "provenance", "fixes", "taxa", "webRequest", "webResponse", "properties",
  ],
  message: ["text", "markdown", "id", "arguments", "properties"],
  location: ["id", "physicalLocation", "logicalLocations", "message", "annotations", "relationships", "properties"],
  physicalLocation: ["address", "artifactLocation", "region", "contextRegion", "properties"],
  artifactLocation: ["uri", "uriBaseId", "index", "description", "properties"],
  region: [
    "startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength", "byteOffset", "byteLength",
    "snippet", "message", "sourceLanguage", "properties",
  ],
  fix: ["description", "artifactChanges", "properties"],
  artifactChange: ["artifactLocation", "replacements", "properties"],
  replacement: ["deletedRegion", "insertedContent", "properties"],
  artifactContent: ["text", "binary", "rendered", "properties"],
} as const;

const LEVELS = ["none", "note", "warning", "error"];

export function checkSarif(log: Json): string[] {
  const errors: string[] = [];
  const c = new Checker(errors);
  if (!c.object(log, "", "log")) return errors;
  c.required(log, "", ["version", "runs"]);
  if (log.version !== "2.1.0") errors.push(`/version: must be "2.1.0"`);
  if ("$schema" in log && typeof log.$schema !== "string") errors.push("/$schema: must be a URI string");
  c.array(log.runs, "/runs", (run, p) => c.run(run, p));
  return errors;
}

class Checker {
  constructor(private readonly errors: string[]) {}

  object(v: Json, path: string, kind: keyof typeof KEYS): v is Record<string, Json> {
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
      this.errors.push(`${path || "/"}: must be an object (${kind})`);
      return false;
    }
    const allowed: readonly string[] = KEYS[kind];
    for (const k of Object.keys(v))
      if (!allowed.includes(k)) this.errors.push(`${path}/${k}: not a property of ${kind}`);
    return true;
  }

  required(v: Record<string, Json>, path: string, keys: readonly string[]) {
    for (const k of keys) if (!(k in v)) this.errors.push(`${path}: missing required property ${k}`);
  }

  array(v: Json, path: string, each: (item: Json, path: string) => void, minItems = 0) {
    if (!Array.isArray(v)) {
      this.errors.push(`${path}: must be an array`);
      return;
    }
    if (v.length < minItems) this.errors.push(`${path}: needs at least ${minItems} item(s)`);
    v.forEach((item, i) => each(item, `${path}/${i}`));
  }

  integer(v: Json, path: string, min: number) {
    if (typeof v !== "number" || !Number.isInteger(v) || v < min)
      this.errors.push(`${path}: must be an integer ≥ ${min}`);
  }

  text(v: Json, path: string, kind: "message" | "multiformatMessageString" | "artifactContent") {
    if (!this.object(v, path, kind)) return;
    if (kind === "message" ? !("text" in v) && !("id" in v) : kind === "multiformatMessageString" && !("text" in v)) {
      this.errors.push(`${path}: missing required property text`);
    }
    if ("text" in v && typeof v.text !== "string") this.errors.push(`${path}/text: must be a string`);
  }

  run(run: Json, path: string) {
    if (!this.object(run, path, "run")) return;
    this.required(run, path, ["tool"]);
    if ("columnKind" in run && !["utf16CodeUnits", "unicodeCodePoints"].includes(run.columnKind as string)) {
      this.errors.push(`${path}/columnKind: must be utf16CodeUnits or unicodeCodePoints`);
    }
    let rules: Json[] = [];
    if (this.object(run.tool, `${path}/tool`, "tool")) {
      this.required(run.tool, `${path}/tool`, ["driver"]);
      const driver = run.tool.driver;
      const dp = `${path}/tool/driver`;
      if (this.object(driver, dp, "toolComponent")) {
        this.required(driver, dp, ["name"]);
        if (typeof driver.name !== "string") this.errors.push(`${dp}/name: must be a string`);
        if ("rules" in driver) {
          this.array(driver.rules, `${dp}/rules`, (r, p) => this.rule(r, p));
          rules = Array.isArray(driver.rules) ? driver.rules : [];
        }
      }
    }
    if ("results" in run) this.array(run.results, `${path}/results`, (r, p) => this.result(r, p, rules));
  }

  rule(r: Json, path: string) {
    if (!this.object(r, path, "reportingDescriptor")) return;
    this.required(r, path, ["id"]);
    if (typeof r.id !== "string") this.errors.push(`${path}/id: must be a string`);
    for (const k of ["shortDescription", "fullDescription", "help"]) {
      if (k in r) this.text(r[k], `${path}/${k}`, "multiformatMessageString");
    }
    if ("helpUri" in r && !isUri(r.helpUri)) this.errors.push(`${path}/helpUri: must be an absolute URI`);
    if (
      "defaultConfiguration" in r &&
      this.object(r.defaultConfiguration, `${path}/defaultConfiguration`, "reportingConfiguration")
    ) {
      const level = r.defaultConfiguration.level;
      if (level !== undefined && !LEVELS.includes(level as string))
        this.errors.push(`${path}/defaultConfiguration/level: bad level`);
    }
  }

  result(r: Json, path: string, rules: readonly Json[]) {
    if (!this.object(r, path, "result")) return;
    this.required(r, path, ["message"]);
    this.text(r.message, `${path}/message`, "message");
    if ("level" in r && !LEVELS.includes(r.level as string))
      this.errors.push(`${path}/level: must be one of ${LEVELS.join(", ")}`);
    if ("ruleIndex" in r) {
      this.integer(r.ruleIndex, `${path}/ruleIndex`, -1);
      const rule = rules[r.ruleIndex as number] as { id?: unknown } | undefined;
      // §3.27.6: ruleId and the descriptor at ruleIndex must agree.
      if (rule === undefined || rule.id !== r.ruleId)
        this.errors.push(`${path}/ruleIndex: does not point at rule ${String(r.ruleId)}`);
    }
    if ("locations" in r) this.array(r.locations, `${path}/locations`, (l, p) => this.location(l, p));
    if ("fixes" in r) this.array(r.fixes, `${path}/fixes`, (f, p) => this.fix(f, p));
  }

  location(l: Json, path: string) {
    if (!this.object(l, path, "location")) return;
    if ("physicalLocation" in l) this.physicalLocation(l.physicalLocation, `${path}/physicalLocation`);
  }

  physicalLocation(pl: Json, path: string) {
    if (!this.object(pl, path, "physicalLocation")) return;
    if (!("artifactLocation" in pl) && !("address" in pl))
      this.errors.push(`${path}: needs artifactLocation or address`);
    if ("artifactLocation" in pl) this.artifactLocation(pl.artifactLocation, `${path}/artifactLocation`);
    if ("region" in pl) this.region(pl.region, `${path}/region`);
  }

  artifactLocation(a: Json, path: string) {
    if (!this.object(a, path, "artifactLocation")) return;
    if ("uri" in a && (typeof a.uri !== "string" || !isUriReference(a.uri)))
      this.errors.push(`${path}/uri: must be a URI reference`);
  }

  region(r: Json, path: string) {
    if (!this.object(r, path, "region")) return;
    for (const k of ["startLine", "startColumn", "endLine", "endColumn"])
      if (k in r) this.integer(r[k], `${path}/${k}`, 1);
    if (!("startLine" in r) && !("charOffset" in r) && !("byteOffset" in r))
      this.errors.push(`${path}: needs startLine, charOffset or byteOffset`);
    const { startLine, startColumn, endLine, endColumn } = r as Record<string, number | undefined>;
    if (startLine !== undefined && endLine !== undefined) {
      if (endLine < startLine) this.errors.push(`${path}: endLine before startLine`);
      if (endLine === startLine && startColumn !== undefined && endColumn !== undefined && endColumn < startColumn) {
        this.errors.push(`${path}: endColumn before startColumn`);
      }
    }
  }

  fix(f: Json, path: string) {
    if (!this.object(f, path, "fix")) return;
    this.required(f, path, ["artifactChanges"]);
    if ("description" in f) this.text(f.description, `${path}/description`, "message");
    this.array(
      f.artifactChanges,
      `${path}/artifactChanges`,
      (ch, p) => {
        if (!this.object(ch, p, "artifactChange")) return;
        this.required(ch, p, ["artifactLocation", "replacements"]);
        this.artifactLocation(ch.artifactLocation, `${p}/artifactLocation`);
        this.array(
          ch.replacements,
          `${p}/replacements`,
          (rep, rp) => {
            if (!this.object(rep, rp, "replacement")) return;
            this.required(rep, rp, ["deletedRegion"]);
            this.region(rep.deletedRegion, `${rp}/deletedRegion`);
            if ("insertedContent" in rep) this.text(rep.insertedContent, `${rp}/insertedContent`, "artifactContent");
          },
          1,
        );
      },
      1,
    );
  }
}

function isUri(v: Json): boolean {
  return typeof v === "string" && /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/.test(v);
}

/** RFC 3986 URI reference: no spaces or characters that must be percent-encoded. */
function isUriReference(v: string): boolean {
  return /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/.test(v) && !/%(?![0-9A-Fa-f]{2})/.test(v);
}
