/** axe-core in the page: the serious and critical violations, described so they can be fixed. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "./server";

const AXE_PATH = join(ROOT, "node_modules", "axe-core", "axe.min.js");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string; html: string }[];
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the devtools protocol, not as a <script>: the apps' CSP forbids
  // inline scripts, and the test must not loosen the policy it checks elsewhere.
  await page.evaluate(readFileSync(AXE_PATH, "utf8"));
  // Colours are judged as they settle: a bar still fading in blends with what is behind it,
  // and on a busy machine axe can read it mid-way. Endless animations are not waited for.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document) => Promise<{ violations: unknown[] }> };
      }
    ).axe;
    const results = await axe.run(document);
    return results.violations as AxeViolation[];
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Violations as text a developer can act on. */
export function describeViolations(where: string, violations: AxeViolation[]): string {
  if (violations.length === 0) return `${where}: no serious or critical violations`;
  const lines = [`${where}: ${violations.length} serious/critical accessibility violation(s)`];
  for (const v of violations) {
    lines.push(`- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const node of v.nodes.slice(0, 5)) {
      lines.push(`    at ${JSON.stringify(node.target)}: ${node.html.slice(0, 160)}`);
      if (node.failureSummary)
        lines.push(`      ${node.failureSummary.replace(/\n/g, "\n      ")}`);
    }
  }
  return lines.join("\n");
}
