/**
 * The shared stack's `services` setting: a list whose entries are a service name (shorthand for
 * every default) or a map of name, folder, port, healthPath and expose. Resolved into
 * `ServiceSpec`s with the defaults of stacks/profiles.ts; every problem is reported with its
 * entry's index.
 */
import {
  EXPOSURES,
  healthPathProblem,
  portProblem,
  serviceFolderProblem,
  serviceNameProblem,
  type Exposure,
  type ServiceSpec,
} from "../components/services";
import { SERVICE_DEFAULTS, deliveryProfile } from "./profiles";
import type { Problems, Reader } from "./problems";
import * as rules from "./rules";

const FIELDS = ["name", "folder", "port", "healthPath", "expose"] as const;
const EXAMPLE = "such as [front-end] or [{name: catalogue, port: 8080, expose: internal}]";

export function readServices(read: Reader, problems: Problems): readonly ServiceSpec[] {
  const raw = read.object("services") ?? deliveryProfile.services;
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.add(
      "services",
      raw,
      Array.isArray(raw) ? "no service listed" : "expected a list",
      `List at least one, ${EXAMPLE} (README, Settings).`,
    );
    return [];
  }
  const services = raw.flatMap((entry: unknown, i) => {
    const s = readEntry(entry, `services[${i}]`, problems);
    return s ? [s] : [];
  });
  for (const [field, what] of [
    ["name", "service"],
    ["folder", "folder"],
  ] as const) {
    const values = services.map((s) => s[field]);
    const twice = values.filter((v, i) => values.indexOf(v) !== i);
    if (twice.length > 0) {
      problems.add(
        "services",
        [...new Set(twice)],
        `a ${what} is listed twice`,
        field === "name" ? "List each service once." : "Give each service its own folder.",
      );
    }
  }
  return services;
}

function readEntry(entry: unknown, key: string, problems: Problems): ServiceSpec | undefined {
  const given: Record<string, unknown> =
    typeof entry === "string"
      ? { name: entry }
      : entry !== null && typeof entry === "object" && !Array.isArray(entry)
        ? (entry as Record<string, unknown>)
        : {};
  if (Object.keys(given).length === 0) {
    problems.add(key, entry, "expected a service name or a map with a name", `Write ${EXAMPLE}.`);
    return undefined;
  }
  let ok = true;
  const bad = (field: string, value: unknown, what: string, fix: string) => {
    problems.add(`${key}.${field}`, value, what, fix);
    ok = false;
  };
  for (const k of Object.keys(given)) {
    if ((FIELDS as readonly string[]).includes(k)) continue;
    const perEnvironment = ["replicas", "resources", "cpu", "memory", "environments"].includes(k);
    bad(
      k,
      given[k],
      "unknown field",
      perEnvironment
        ? `Use ${FIELDS.join(", ")}: replicas and resources live in each environment's overlay, ` +
            `gitops/microservices-repo/overlays/<env>/<service>/deployment-patch.yaml ` +
            `(npm run add-service -- <service> --replicas prod=3-10 writes them for a new service).`
        : `Use ${FIELDS.join(", ")}.`,
    );
  }
  const name = given.name;
  if (typeof name !== "string") {
    bad("name", name, "expected a string", "Name the service, such as catalogue.");
    return undefined;
  }
  const badName = serviceNameProblem(name) ?? rules.ecrRepoName(name);
  if (badName) bad("name", name, badName, "Rename the service.");
  const folder = given.folder ?? name;
  const badFolder = typeof folder === "string" ? serviceFolderProblem(folder) : "expected a string";
  if (badFolder)
    bad("folder", folder, badFolder, `Use the service's folder in app-repo, such as ${name}.`);
  const port = given.port ?? SERVICE_DEFAULTS.port;
  const badPort = typeof port === "number" ? portProblem(port) : "expected a number";
  if (badPort) bad("port", port, badPort, `Use ${SERVICE_DEFAULTS.port}.`);
  const healthPath = given.healthPath ?? SERVICE_DEFAULTS.healthPath;
  const badPath =
    typeof healthPath === "string" ? healthPathProblem(healthPath) : "expected a string";
  if (badPath) bad("healthPath", healthPath, badPath, `Use ${SERVICE_DEFAULTS.healthPath}.`);
  const expose = given.expose ?? SERVICE_DEFAULTS.expose;
  if (!(EXPOSURES as readonly unknown[]).includes(expose)) {
    bad("expose", expose, "unknown exposure", `Use ${EXPOSURES.join(" or ")}.`);
  }
  if (!ok) return undefined;
  return {
    name,
    folder: folder as string,
    port: port as number,
    healthPath: healthPath as string,
    expose: expose as Exposure,
  };
}
