/** Imported for its effect: makes mocked runs fast (see below). */
/**
 * The SDK stamps every promise it makes with `new Error().stack` (runtime/debuggable.ts, for its
 * leak report), and under ts-node each stack is source-mapped: that was 80% of a mocked run. Those
 * stacks are read only in the leak report, which a mocked run clears (below); every other error
 * keeps its full, mapped stack.
 */
const mappedStackTrace = Error.prepareStackTrace?.bind(Error);
if (mappedStackTrace) {
  Error.prepareStackTrace = (error, sites) =>
    sites[0]?.getFunctionName() === "debuggablePromise" ? "" : mappedStackTrace(error, sites);
}
