import { environmentPolicies } from "./components/deployments/environment-policy";
import { environmentBoundary } from "./components/deployments/boundary";
import { deliveryPolicy } from "./components/deployments/delivery-policy";
const scope = { partition: "aws", accountId: "123456789012", environment: "staging", boundaryArn: "arn:aws:iam::123456789012:policy/pulumi-deployments/gitops-shared-boundary-staging" };
const d = environmentPolicies(scope as any);
for (const [k, v] of Object.entries(d)) console.log(k, JSON.stringify(v).length);
console.log("boundary", JSON.stringify(environmentBoundary({ ...scope, deliveryStack: "shared", gitPullRepositoryArns: ["arn:aws:codecommit:us-east-1:123456789012:flux-repo","arn:aws:codecommit:us-east-1:123456789012:microservices-repo"], gitPushRepositoryArns: ["arn:aws:codecommit:us-east-1:123456789012:microservices-repo"] })).length);
console.log("delivery", JSON.stringify(deliveryPolicy({ partition: "aws", accountId: "123456789012", region: "us-east-1", namePrefix: "gitops-shared", repositories: ["flux-repo","microservices-repo","app-repo"], imageRepositories: ["front-end","catalogue"] })).length);
