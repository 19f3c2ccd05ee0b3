/**
 * The ledger's storage port: conditional single-item updates and queries of one partition. The
 * Lambda uses DynamoDB (aws/dynamodb.ts); tests and the benchmark use `MemoryStore`, which
 * evaluates the very same `Update` values, so the sequences tested are the conditions AWS checks.
 */
import { apply, holds, type Item, type Update } from "./expression";

export interface UpdateResult {
  /** Whether the condition held and the write happened. */
  readonly written: boolean;
  /** The item before the update (undefined: there was none), written or not. */
  readonly before: Item | undefined;
}

export interface Store {
  update(u: Update): Promise<UpdateResult>;
  /** Every item of partition `pk` whose sort key starts with `prefix`, in sort-key order. */
  query(pk: string, prefix: string): Promise<Item[]>;
}

/** A single-process table with DynamoDB's per-item atomicity. */
export class MemoryStore implements Store {
  readonly items = new Map<string, Item>();
  /** Every update attempted, in order (tests assert on them). */
  readonly log: { update: Update; written: boolean }[] = [];

  update(u: Update): Promise<UpdateResult> {
    const id = `${u.key.pk}\u0000${u.key.sk}`;
    const before = this.items.get(id);
    if (!holds(u.condition, before)) {
      this.log.push({ update: u, written: false });
      return Promise.resolve({ written: false, before });
    }
    const after = apply(u, before);
    this.items.set(id, after);
    this.log.push({ update: u, written: true });
    return Promise.resolve({ written: true, before });
  }

  query(pk: string, prefix: string): Promise<Item[]> {
    const found = [...this.items.values()]
      .filter((i) => i.pk === pk && String(i.sk).startsWith(prefix))
      .sort((a, b) => (String(a.sk) < String(b.sk) ? -1 : 1));
    return Promise.resolve(found);
  }
}
