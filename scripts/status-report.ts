/**
 * What `npm run status -- <env>` prints, as a pure function of the ledger rows of one environment
 * (connector/src/contract.ts): per application the revision it runs, its images, since when and
 * its status; then the most recent failures.
 */
import {
  CURRENT_PREFIX,
  REVISION_PREFIX,
  type CurrentItem,
  type RevisionItem,
} from "../connector/src/contract";
import type { Item } from "../connector/src/expression";
import { ENVIRONMENT_BRANCH_PREFIX } from "../components/promotion";

const short = (revision: string) =>
  revision.replace(
    /^(.*@sha1:|.*\/)?([0-9a-f]{7})[0-9a-f]{33}$/,
    (_all, head: string | undefined, sha: string) => `${head ?? ""}${sha}`,
  );
/**
 * A later stage's application before its first promotion: it syncs `env/<environment>` and its
 * overlay holds no image (the first-deploy hold, components/delivery/promotion-hold.ts).
 */
const waiting = (revision: string, r: RevisionItem | undefined) =>
  revision.startsWith(ENVIRONMENT_BRANCH_PREFIX) &&
  r?.status === "succeeded" &&
  r.images.length === 0;
const when = (iso: string | undefined) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "-");

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd(),
  );
}

export interface StatusReportOptions {
  /** How many failures to list (newest first). Default 5. */
  readonly failures?: number;
}

export function statusReport(
  environment: string,
  table_: string,
  items: readonly Item[],
  options: StatusReportOptions = {},
): string {
  const current = items.filter((i) =>
    String(i.sk).startsWith(CURRENT_PREFIX),
  ) as unknown as CurrentItem[];
  const revisions = items.filter((i) =>
    String(i.sk).startsWith(REVISION_PREFIX),
  ) as unknown as RevisionItem[];
  const lines = [`Deployments of ${environment} (ledger ${table_})`, ""];
  if (current.length === 0) {
    lines.push(
      `Nothing recorded for ${environment} yet. Check that Flux reports: kubectl -n flux-system get ` +
        `providers,alerts (both Ready), and that the stack of ${environment} ran after the shared stack.`,
    );
    return lines.join("\n");
  }
  const byKey = new Map(revisions.map((r) => [`${r.application}#${r.revision}`, r]));
  const rows = [["APPLICATION", "REVISION", "STATUS", "SINCE", "IMAGES"]];
  for (const c of [...current].sort((a, b) => a.application.localeCompare(b.application))) {
    const r = byKey.get(`${c.application}#${c.revision}`);
    rows.push([
      c.application,
      short(c.revision),
      waiting(c.revision, r) ? "waiting for first promotion" : (r?.status ?? "?"),
      when(r?.statusSince ?? c.since),
      r && r.images.length > 0 ? r.images.join(", ") : "-",
    ]);
  }
  lines.push(...table(rows));
  const failures = revisions
    .filter((r) => r.status === "failed")
    .sort((a, b) => (a.statusSince < b.statusSince ? 1 : -1))
    .slice(0, options.failures ?? 5);
  lines.push("", failures.length === 0 ? "No failures recorded." : "Last failures:");
  for (const f of failures) {
    const message = f.message.split("\n")[0];
    lines.push(
      `  ${when(f.statusSince)}  ${f.application}  ${short(f.revision)}  ${f.reason}: ${message.length > 160 ? `${message.slice(0, 159)}…` : message}`,
    );
  }
  return lines.join("\n");
}
