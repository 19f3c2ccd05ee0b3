/** The mock account and the deterministic IDs every mock module shares. */
import * as crypto from "crypto";

export const MOCK_ACCOUNT = "123456789012";

/** Stable pseudo-random hex from a name, so mock IDs are deterministic. */
export function hex(seed: string, length: number): string {
  return crypto.createHash("sha256").update(seed).digest("hex").slice(0, length);
}
