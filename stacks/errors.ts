/**
 * Errors raised inside an Output (an `apply`) reach every resource whose inputs hold that Output,
 * and the SDK prefixes the same error object's message once per property it serializes
 * (`error serializing property "spec": ...`, @pulumi/pulumi runtime/rpc.js `serializeProperty`),
 * so one missing shared stack read as a chain of unrelated property names. This error keeps the
 * message it was given.
 */
export class StackError extends Error {
  constructor(text: string) {
    super(text);
    this.name = "StackError";
    Object.defineProperty(this, "message", {
      get: () => text,
      // The SDK assigns the prefixed message; the fix stays the message.
      set: () => undefined,
      enumerable: false,
    });
  }
}
