/** The ledger store on DynamoDB: each `Update` as one conditional `UpdateItem`. */
import {
  ConditionalCheckFailedException,
  QueryCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import { render, unmarshal, type Item, type Update } from "../expression";
import type { Store, UpdateResult } from "../store";

export class DynamoStore implements Store {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
  ) {}

  async update(u: Update): Promise<UpdateResult> {
    try {
      const out = await this.client.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: { pk: { S: u.key.pk }, sk: { S: u.key.sk } },
          ...render(u),
        }),
      );
      return { written: true, before: unmarshal(out.Attributes) };
    } catch (e) {
      // ReturnValuesOnConditionCheckFailure: ALL_OLD puts the item on the exception.
      if (e instanceof ConditionalCheckFailedException) {
        return { written: false, before: unmarshal(e.Item) };
      }
      throw e;
    }
  }

  async query(pk: string, prefix: string): Promise<Item[]> {
    const items: Item[] = [];
    let start: Record<string, never> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
          ExpressionAttributeValues: { ":pk": { S: pk }, ":prefix": { S: prefix } },
          ExclusiveStartKey: start,
        }),
      );
      for (const i of page.Items ?? []) items.push(unmarshal(i) as Item);
      start = page.LastEvaluatedKey as Record<string, never> | undefined;
    } while (start !== undefined);
    return items;
  }
}
