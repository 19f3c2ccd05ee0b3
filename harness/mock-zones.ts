/** The mocked `getAvailabilityZones` data source. */
import { REGION_ZONE_IDS } from "../components/network";

/**
 * `getAvailabilityZones` as EC2 would answer in `region`: the region's zones from
 * components/network/zones.ts, named a, b, c... in AZ ID order (a mock account's mapping; real
 * accounts map names to IDs differently in the oldest regions), honouring the filters and
 * exclusions the program passes. A region missing from the table fails the run, naming it.
 */
export function availabilityZones(
  inputs: Record<string, any>,
  region: string,
): Record<string, unknown> {
  const ids = REGION_ZONE_IDS[region];
  if (!ids) {
    throw new Error(
      `harness/mocks.ts has no availability zones for region ${region}: add it to REGION_ZONE_IDS in components/network/zones.ts.`,
    );
  }
  let zones = ids.map((zoneId, i) => ({
    name: `${region}${String.fromCharCode(97 + i)}`,
    zoneId,
    state: "available",
    zoneType: "availability-zone",
    optInStatus: "opt-in-not-required",
  }));
  const field: Record<string, keyof (typeof zones)[number]> = {
    "zone-type": "zoneType",
    "zone-name": "name",
    "zone-id": "zoneId",
    state: "state",
    "opt-in-status": "optInStatus",
  };
  for (const f of (inputs.filters ?? []) as { name: string; values: string[] }[]) {
    const key = field[f.name];
    if (!key)
      throw new Error(`harness/mocks.ts: getAvailabilityZones filter '${f.name}' is not mocked.`);
    zones = zones.filter((z) => f.values.includes(z[key]));
  }
  if (inputs.state) zones = zones.filter((z) => z.state === inputs.state);
  zones = zones.filter(
    (z) =>
      !(inputs.excludeZoneIds ?? []).includes(z.zoneId) &&
      !(inputs.excludeNames ?? []).includes(z.name),
  );
  return {
    names: zones.map((z) => z.name),
    zoneIds: zones.map((z) => z.zoneId),
    groupNames: [region],
    id: region,
  };
}
