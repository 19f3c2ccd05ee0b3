/**
 * An offline EventBridge input transformer, from the documented semantics
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html):
 * `inputPaths` maps variable names to JSON paths in the event (dot notation from `$`), and each
 * `<name>` in `inputTemplate` is replaced by its value; a string value written inside quotes is
 * inserted as string content (escaped), a variable without quotes as its JSON value (the docs'
 * example turns `[9, <state>, true]` into `[9, "RUNNING", true]`). The predefined `aws.events.*`
 * variables, paths the event lacks and non-strings in quotes are refused, so a test never relies
 * on undocumented output.
 */
export function transformInput(
  event: Record<string, unknown>,
  transformer: { inputPaths: Record<string, string>; inputTemplate: string },
): unknown {
  const values = new Map<string, unknown>();
  for (const [name, jsonPath] of Object.entries(transformer.inputPaths)) {
    if (!/^\$(\.[\w-]+)+$/.test(jsonPath)) throw new Error(`unsupported JSON path ${jsonPath}`);
    let value: unknown = event;
    for (const key of jsonPath.split(".").slice(1)) {
      if (value === null || typeof value !== "object" || !(key in value)) {
        throw new Error(`the event has no ${jsonPath}`);
      }
      value = (value as Record<string, unknown>)[key];
    }
    values.set(name, value);
  }
  const text = transformer.inputTemplate.replace(
    /(")?<([\w.-]+)>(")?/g,
    (_all, open, name, close) => {
      if (!values.has(name)) throw new Error(`template variable <${name}> is not defined`);
      const value = values.get(name);
      if (open && close) {
        if (typeof value !== "string") throw new Error(`<${name}> in quotes is not a string`);
        return JSON.stringify(value);
      }
      return `${open ?? ""}${JSON.stringify(value)}${close ?? ""}`;
    },
  );
  return JSON.parse(text) as unknown;
}
