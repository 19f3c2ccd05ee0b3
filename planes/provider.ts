/** The AWS provider every plane's resources use: the stack's region, profile and default tags. */
import * as aws from "@pulumi/aws";
import type { DeliverySettings, RuntimeSettings } from "../stacks/settings";

export function awsProvider(settings: RuntimeSettings | DeliverySettings): aws.Provider {
  return new aws.Provider("aws", {
    region: settings.region as aws.Region,
    profile: settings.awsProfile,
    defaultTags: { tags: { ...settings.tags } },
  });
}
