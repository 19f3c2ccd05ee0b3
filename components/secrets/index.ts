/** Secrets in git: an environment's SOPS KMS key, its key policy and kustomize-controller's role. */
export { SopsKey, KUSTOMIZE_CONTROLLER_SERVICE_ACCOUNT, type SopsKeyArgs } from "./sops-key";
export { sopsKeyPolicy, type SopsKeyPolicyInput } from "./key-policy";
