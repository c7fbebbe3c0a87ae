/**
 * A rule page with its docs: loaded lazily with them (the rules registry is a
 * lazy chunk of its own, see use-rule-docs.ts), never part of the first table's download.
 */
import { type DocExample, useRuleDocs } from "../hooks/use-rule-docs";
import { RulePage } from "./RulePage";

export interface RuleViewProps {
  readonly id: string;
  readonly onLoad: (example: DocExample) => void;
  readonly onClose: () => void;
}

export function RuleView({ id, onLoad, onClose }: RuleViewProps) {
  const docs = useRuleDocs(true);
  return <RulePage id={id} docs={docs} onLoad={onLoad} onClose={onClose} />;
}
