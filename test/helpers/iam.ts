import type { PolicyDocument } from "../../components/aws";

/** Allow-only evaluation of an identity policy (enough for documents without Deny/conditions). */
export function allows(doc: PolicyDocument, action: string, resource: string): boolean {
  const glob = (p: string, v: string, flags = "") =>
    new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, flags).test(v);
  const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : [v as string]);
  return doc.Statement.some(
    (s) =>
      s.Effect === "Allow" &&
      list(s.Action).some((a) => glob(a, action, "i")) &&
      list(s.Resource).some((r) => glob(r, resource)),
  );
}
