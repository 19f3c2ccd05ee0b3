/**
 * The few Kubernetes API calls FluxTeardown makes, from the cluster's kubeconfig: the server and
 * CA of its current context, a token from its exec credential plugin (the same `aws eks
 * get-token` the Kubernetes provider and Helm run). Every require is inside a function: dynamic
 * providers are serialized into the state and run in the engine's host.
 */

export interface KubeResponse {
  readonly status: number;
  readonly body: unknown;
}

export interface KubeApi {
  get(path: string): Promise<KubeResponse>;
  /** JSON merge patch (RFC 7386). */
  mergePatch(path: string, body: unknown): Promise<KubeResponse>;
  delete(path: string): Promise<KubeResponse>;
}

interface Kubeconfig {
  readonly "current-context"?: string;
  readonly contexts?: { name: string; context: { cluster: string; user: string } }[];
  readonly clusters?: {
    name: string;
    cluster: { server: string; "certificate-authority-data"?: string };
  }[];
  readonly users?: {
    name: string;
    user: { exec?: { command: string; args?: string[]; env?: { name: string; value: string }[] } };
  }[];
}

/** Runs the kubeconfig's exec plugin and returns `status.token` of the ExecCredential it prints. */
async function execToken(
  exec: NonNullable<NonNullable<Kubeconfig["users"]>[number]["user"]["exec"]>,
): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { execFile } = require("child_process") as typeof import("child_process");
  const env = {
    ...process.env,
    ...Object.fromEntries((exec.env ?? []).map((e) => [e.name, e.value])),
  };
  const out = await new Promise<string>((resolve, reject) =>
    execFile(exec.command, exec.args ?? [], { env }, (error, stdout, stderr) =>
      error
        ? reject(
            new Error(`${exec.command} ${(exec.args ?? []).join(" ")}: ${stderr || error.message}`),
          )
        : resolve(stdout),
    ),
  );
  const token = (JSON.parse(out) as { status?: { token?: string } }).status?.token;
  if (!token) throw new Error(`${exec.command} printed no ExecCredential token`);
  return token;
}

export function kubeApi(kubeconfigJson: string): KubeApi {
  const config = JSON.parse(kubeconfigJson) as Kubeconfig;
  const context =
    config.contexts?.find((c) => c.name === config["current-context"]) ?? config.contexts?.[0];
  const cluster = config.clusters?.find((c) => c.name === context?.context.cluster)?.cluster;
  const exec = config.users?.find((u) => u.name === context?.context.user)?.user.exec;
  if (!cluster || !exec)
    throw new Error("the cluster's kubeconfig has no server or no exec credential plugin");
  let token: Promise<string> | undefined;
  const request = async (method: string, path: string, body?: unknown): Promise<KubeResponse> => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const https = require("https") as typeof import("https");
    token ??= execToken(exec);
    const bearer = await token;
    const url = new URL(path, cluster.server);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = https.request(
        url,
        {
          method,
          ca: cluster["certificate-authority-data"]
            ? Buffer.from(cluster["certificate-authority-data"], "base64")
            : undefined,
          headers: {
            authorization: `Bearer ${bearer}`,
            accept: "application/json",
            ...(payload ? { "content-type": "application/merge-patch+json" } : {}),
          },
          timeout: 30_000,
        },
        (res) => {
          let text = "";
          res.on("data", (c: Buffer) => (text += c.toString("utf8")));
          res.on("end", () => {
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              // Not JSON: keep the text for the error message.
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      req.on("timeout", () => req.destroy(new Error(`${method} ${url.href} timed out`)));
      req.on("error", reject);
      if (payload) req.write(payload);
      req.end();
    });
  };
  return {
    get: (path) => request("GET", path),
    mergePatch: (path, body) => request("PATCH", path, body),
    delete: (path) => request("DELETE", path),
  };
}
