/**
 * Environment keys from SSM Parameter Store: `<prefix><environment>`, a SecureString each
 * environment stack writes. A missing parameter is an unknown environment. Keys are cached (5
 * minutes; an unknown environment 1 minute) so that a burst of requests, signed or not, does not
 * spend Parameter Store's shared throughput (40 GetParameter calls a second per account on the
 * standard tier: https://docs.aws.amazon.com/general/latest/gr/ssm.html).
 */
import { GetParameterCommand, ParameterNotFound, type SSMClient } from "@aws-sdk/client-ssm";
import type { KeysPort } from "../process";

const KEY_TTL_MS = 5 * 60_000;
const UNKNOWN_TTL_MS = 60_000;
/** A signature mismatch re-reads the key at most this often (rotation), not per bad request. */
const REFRESH_INTERVAL_MS = 30_000;

export class SsmKeys implements KeysPort {
  private readonly cache = new Map<string, { key: Buffer | undefined; at: number }>();

  constructor(
    private readonly client: SSMClient,
    private readonly prefix: string,
    private readonly clock: () => number = Date.now,
  ) {}

  async get(environment: string): Promise<Buffer | undefined> {
    const hit = this.cache.get(environment);
    const ttl = hit?.key === undefined ? UNKNOWN_TTL_MS : KEY_TTL_MS;
    if (hit && this.clock() - hit.at < ttl) return hit.key;
    return this.load(environment);
  }

  async refresh(environment: string): Promise<Buffer | undefined> {
    const hit = this.cache.get(environment);
    if (hit && this.clock() - hit.at < REFRESH_INTERVAL_MS) return hit.key;
    return this.load(environment);
  }

  private async load(environment: string): Promise<Buffer | undefined> {
    let key: Buffer | undefined;
    try {
      const out = await this.client.send(
        new GetParameterCommand({ Name: `${this.prefix}${environment}`, WithDecryption: true }),
      );
      const value = out.Parameter?.Value;
      key = value ? Buffer.from(value, "utf8") : undefined;
    } catch (e) {
      if (!(e instanceof ParameterNotFound)) throw e;
    }
    this.cache.set(environment, { key, at: this.clock() });
    return key;
  }
}
