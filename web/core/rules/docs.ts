/**
 * The registry with each rule's docs (the `docs` export next to its `rule`),
 * in RULES' order. Only rule pages, the CLI's SARIF metadata and tests import
 * this module; analysis (the worker) imports rules/index.ts alone, so the
 * examples and prose are not part of the first table's download.
 */
import { RULES } from "./index";
import type { DocumentedRule, RuleDocs } from "./types";
import { docs as aptCacheCleaned } from "./apt-cache-cleaned";
import { docs as cacheNeedsLocking } from "./cache-needs-locking";
import { docs as crossPlatformCacheCollision } from "./cross-platform-cache-collision";
import { docs as idSharedAcrossTargets } from "./id-shared-across-targets";
import { docs as invalidMount } from "./invalid-mount";
import { docs as platformArgOverridden } from "./platform-arg-overridden";
import { docs as platformVariantCollision } from "./platform-variant-collision";
import { docs as relativeCacheTarget } from "./relative-cache-target";
import { docs as sharingModeConflict } from "./sharing-mode-conflict";
import { docs as unbuiltStageCache } from "./unbuilt-stage-cache";
import { docs as undeclaredPlatformArg } from "./undeclared-platform-arg";
import { docs as undefinedVariableInMount } from "./undefined-variable-in-mount";

const DOCS: Readonly<Record<string, RuleDocs>> = {
  "apt-cache-cleaned": aptCacheCleaned,
  "cache-needs-locking": cacheNeedsLocking,
  "cross-platform-cache-collision": crossPlatformCacheCollision,
  "id-shared-across-targets": idSharedAcrossTargets,
  "invalid-mount": invalidMount,
  "platform-arg-overridden": platformArgOverridden,
  "platform-variant-collision": platformVariantCollision,
  "relative-cache-target": relativeCacheTarget,
  "sharing-mode-conflict": sharingModeConflict,
  "unbuilt-stage-cache": unbuiltStageCache,
  "undeclared-platform-arg": undeclaredPlatformArg,
  "undefined-variable-in-mount": undefinedVariableInMount,
};

/** Every rule of RULES with its docs; a rule without docs is a bug the registry test catches. */
export const DOCUMENTED_RULES: readonly DocumentedRule[] = RULES.flatMap((rule) => {
  const docs = DOCS[rule.id];
  return docs === undefined ? [] : [{ ...rule, docs }];
});
