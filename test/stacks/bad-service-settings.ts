/**
 * Bad `services` entries of the shared stack and the problem each must produce (the start of its
 * text), in the rows of bad-settings.ts; resolve.spec.ts runs them with the others.
 */
import type { BadSetting } from "./bad-settings";

export const BAD_SERVICE_SETTINGS: readonly BadSetting[] = [
  [
    "bad service name",
    "shared",
    { services: ["Front_End"] },
    `gitops-platform:services[0].name = "Front_End": not a service name (a DNS-1035 label: lower-case letters, digits and '-', starting with a letter, not ending with '-', at most 63 characters; it names the ECR repository, namespace, Deployment and Service). Rename the service.`,
  ],
  [
    "service name ECR refuses (a double hyphen)",
    "shared",
    { services: ["cart--v2"] },
    `gitops-platform:services[0].name = "cart--v2": not an ECR repository name (lower-case letters and digits separated by '.', '_', '-' or '/', 2 to 256 characters). Rename the service.`,
  ],
  [
    "reserved service name",
    "shared",
    { services: ["front-end", "apps"] },
    `gitops-platform:services[1].name = "apps": reserved: it would collide with the cluster's apps Kustomization in flux-system. Rename the service.`,
  ],
  [
    "service listed twice",
    "shared",
    { services: ["web", { name: "web", port: 9090 }] },
    `gitops-platform:services = ["web"]: a service is listed twice. List each service once.`,
  ],
  [
    "two services in one folder",
    "shared",
    { services: ["web", { name: "api", folder: "web" }] },
    `gitops-platform:services = ["web"]: a folder is listed twice. Give each service its own folder.`,
  ],
  [
    "privileged port",
    "shared",
    { services: [{ name: "web", port: 80 }] },
    `gitops-platform:services[0].port = 80: must be an integer from 1024 to 65535 (the container runs as a non-root user without NET_BIND_SERVICE). Use 8080.`,
  ],
  [
    "port as a string",
    "shared",
    { services: [{ name: "web", port: "8080" }] },
    `gitops-platform:services[0].port = "8080": expected a number. Use 8080.`,
  ],
  [
    "unknown exposure",
    "shared",
    { services: [{ name: "web", expose: "public" }] },
    `gitops-platform:services[0].expose = "public": unknown exposure. Use alb or internal.`,
  ],
  [
    "health path without a slash",
    "shared",
    { services: [{ name: "web", healthPath: "healthz" }] },
    `gitops-platform:services[0].healthPath = "healthz": not an HTTP path (starts with '/', letters, digits and . _ ~ / - only). Use /healthz.`,
  ],
  [
    "folder escaping app-repo",
    "shared",
    { services: [{ name: "web", folder: "../web" }] },
    `gitops-platform:services[0].folder = "../web": not a folder of app-repo (a relative path of letters, digits, '.', '_' and '-' segments, without '.' or '..'). Use the service's folder in app-repo, such as web.`,
  ],
  [
    "unknown service field",
    "shared",
    { services: [{ name: "web", replicas: 3 }] },
    `gitops-platform:services[0].replicas = 3: unknown field. Use name, folder, port, healthPath, expose: replicas and resources live in each environment's overlay, gitops/microservices-repo/overlays/<env>/<service>/deployment-patch.yaml (npm run add-service -- <service> --replicas prod=3-10 writes them for a new service).`,
  ],
  [
    "misspelt service field",
    "shared",
    { services: [{ name: "web", prot: 9090 }] },
    `gitops-platform:services[0].prot = 9090: unknown field. Use name, folder, port, healthPath, expose.`,
  ],
  [
    "service entry without a name",
    "shared",
    { services: [{ port: 9090 }] },
    `gitops-platform:services[0].name = (not set): expected a string. Name the service, such as catalogue.`,
  ],
  [
    "services not a list",
    "shared",
    { services: { name: "web" } },
    `gitops-platform:services = {"name":"web"}: expected a list. List at least one, such as [front-end] or [{name: catalogue, port: 8080, expose: internal}] (README, Settings).`,
  ],
  [
    "no service",
    "shared",
    { services: [] },
    `gitops-platform:services = []: no service listed. List at least one, such as [front-end] or [{name: catalogue, port: 8080, expose: internal}] (README, Settings).`,
  ],
];
