/**
 * The gitops-platform policy pack (`pulumi preview --policy-pack policy-pack`): every rule is
 * mandatory. The rules read only what a plan records (resource inputs, options, the AWS
 * provider's default tags), so they also run in the tests on the mocked runs (test/policy-pack).
 */
import { PolicyPack } from "@pulumi/policy";
import { POLICIES } from "./policies";

new PolicyPack("gitops-platform", { enforcementLevel: "mandatory", policies: [...POLICIES] });
