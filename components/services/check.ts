/**
 * Do the settings' services and the GitOps content agree? Every `gitops-platform:services` entry
 * needs its files (base, one overlay per environment, its Flux Kustomization listed in apps/base,
 * its image policy listed where image automation runs, its Dockerfile in app-repo), every service
 * folder in microservices-repo needs an entry, and where both exist the port, health path and
 * exposure must match. Each problem names what is missing and the command that fixes it.
 */
import * as fs from "fs";
import * as path from "path";
import { parse, parseAllDocuments } from "yaml";
import { gitopsEnvironments, serviceLayout, servicesInContent } from "./layout";
import { serviceListings } from "./render";
import type { ServiceSpec } from "./spec";

/**
 * The problems of `services` (read from `settingsFile`, such as `Pulumi.shared.yaml`) against the
 * gitops/ tree at `gitopsRoot`; empty when they agree.
 */
export function serviceContentProblems(
  services: readonly ServiceSpec[],
  gitopsRoot: string,
  settingsFile: string,
): string[] {
  const where = `gitops-platform:services in ${settingsFile}`;
  const environments = gitopsEnvironments(gitopsRoot);
  const problems: string[] = [];
  for (const s of services) {
    const absent = (file: string) => !fs.existsSync(path.join(gitopsRoot, file));
    const missing = [
      `${serviceLayout.base(s.name)}/kustomization.yaml`,
      ...environments.map((e) => `${serviceLayout.overlay(e.name, s.name)}/kustomization.yaml`),
    ]
      .filter(absent)
      .map((f) => `gitops/${f}`);
    for (const l of serviceListings(s, environments)) {
      const file = `${path.posix.dirname(l.kustomization)}/${l.resource}`;
      if (absent(file)) missing.push(`gitops/${file}`);
      else if (!listedResources(gitopsRoot, l.kustomization).includes(l.resource)) {
        missing.push(`${l.resource} in the resources of gitops/${l.kustomization}`);
      }
    }
    const dockerfile = `${serviceLayout.source(s.folder)}/Dockerfile`;
    if (absent(dockerfile)) missing.push(`gitops/${dockerfile}`);
    if (missing.length > 0) {
      problems.push(
        `Service '${s.name}' (${where}) is missing ${missing.join(", ")}. ` +
          `Run: npm run add-service -- ${s.name} (it writes only what is missing).`,
      );
    }
    problems.push(...disagreements(s, gitopsRoot, settingsFile));
  }
  const known = new Set(services.map((s) => s.name));
  for (const [name, found] of servicesInContent(gitopsRoot)) {
    if (known.has(name)) continue;
    problems.push(
      `Service folders without an entry in ${where}: ${found.map((f) => `gitops/${f}`).join(", ")}. ` +
        `Run: npm run add-service -- ${name} (it adds the entry, and with it the ECR repository ` +
        `and the pipeline), or delete these folders.`,
    );
  }
  return problems;
}

/** The `resources` of a kustomization.yaml under `gitopsRoot` (none when absent or unreadable). */
export function listedResources(gitopsRoot: string, kustomization: string): string[] {
  const file = path.join(gitopsRoot, kustomization);
  if (!fs.existsSync(file)) return [];
  const resources = (parse(fs.readFileSync(file, "utf8")) as { resources?: unknown } | null)
    ?.resources;
  return Array.isArray(resources) ? resources.filter((r) => typeof r === "string") : [];
}

interface BaseObject {
  kind?: string;
  metadata?: { name?: string };
  spec?: Record<string, unknown>;
}

interface Container {
  name?: string;
  ports?: { name?: string; containerPort?: number }[];
  readinessProbe?: { httpGet?: { path?: string } };
}

/** Port, health path and exposure of the entry against the objects of base/<service>. */
function disagreements(s: ServiceSpec, gitopsRoot: string, settingsFile: string): string[] {
  const where = `gitops-platform:services in ${settingsFile}`;
  const base = serviceLayout.base(s.name);
  const dir = path.join(gitopsRoot, base);
  if (!fs.existsSync(dir)) return [];
  const objects = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml")
    .flatMap((f) =>
      parseAllDocuments(fs.readFileSync(path.join(dir, f), "utf8")).map(
        (d) => d.toJS() as BaseObject | null,
      ),
    )
    .filter((o): o is BaseObject => o !== null && typeof o === "object");
  const deployment = objects.find((o) => o.kind === "Deployment" && o.metadata?.name === s.name);
  const say = (what: string) =>
    `Service '${s.name}': ${what}. Make them agree: the files are what runs, so change the entry ` +
    `in ${settingsFile} or the files.`;
  if (!deployment) return [say(`gitops/${base} has no Deployment named '${s.name}'`)];
  const template = deployment.spec?.template as { spec?: { containers?: Container[] } } | undefined;
  const containers = template?.spec?.containers ?? [];
  const container = containers.find((c) => c.name === s.name) ?? containers[0];
  const found: string[] = [];
  const port = container?.ports?.find((p) => p.name === "http")?.containerPort;
  if (port !== s.port) {
    found.push(`${where} says port ${s.port}, gitops/${base} listens on ${String(port)}`);
  }
  const health = container?.readinessProbe?.httpGet?.path;
  if (health !== s.healthPath) {
    found.push(`${where} says healthPath ${s.healthPath}, gitops/${base} probes ${String(health)}`);
  }
  const ingress = objects.some((o) => o.kind === "Ingress");
  if (ingress !== (s.expose === "alb")) {
    found.push(
      `${where} says expose: ${s.expose}, gitops/${base} has ${ingress ? "an" : "no"} Ingress`,
    );
  }
  return found.map(say);
}
