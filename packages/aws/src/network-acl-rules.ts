/**
 * Network ACL entries for a tiered VPC. NACLs are stateless, so every allowed flow needs its return path:
 * the initiating side sends to the destination ports and accepts replies on ephemeral ports, and the
 * destination side mirrors that. Anything not listed is denied by the NACL's implicit final rule.
 */

export type TierKind = "public" | "private" | "isolated";

/** A permitted connection from one tier to another. */
export interface TierFlow {
  from: string;
  to: string;
  /** TCP destination ports `[from, to]`, or `"all"` for every protocol and port. */
  ports: [number, number] | "all";
}

export interface AclEntry {
  ruleNo: number;
  action: "allow";
  protocol: string;
  fromPort: number;
  toPort: number;
  cidrBlock: string;
}

export interface TierAcl {
  ingress: AclEntry[];
  egress: AclEntry[];
}

export interface AclInputs {
  /** Tier name to the CIDR block it owns. */
  tierBlocks: Readonly<Record<string, string>>;
  tierKinds: Readonly<Record<string, TierKind>>;
  flows: readonly TierFlow[];
  /** The tier holding interface endpoints; every tier may reach it on 443. */
  endpointTier: string;
}

const EPHEMERAL: [number, number] = [1024, 65535];
const ANYWHERE = "0.0.0.0/0";

function entry(
  protocol: string,
  [fromPort, toPort]: [number, number],
  cidrBlock: string,
): Omit<AclEntry, "ruleNo"> {
  return { action: "allow", protocol, fromPort, toPort, cidrBlock };
}

function all(cidrBlock: string) {
  return entry("-1", [0, 0], cidrBlock);
}

/** Computes each tier's ingress and egress entries, numbered in steps of 10 in a stable order. */
export function tierAcls(inputs: AclInputs): Record<string, TierAcl> {
  const rules: Record<string, { ingress: Omit<AclEntry, "ruleNo">[]; egress: Omit<AclEntry, "ruleNo">[] }> =
    {};
  for (const tier of Object.keys(inputs.tierBlocks)) rules[tier] = { ingress: [], egress: [] };
  const block = (tier: string) => inputs.tierBlocks[tier] as string;
  const at = (tier: string) =>
    rules[tier] as { ingress: Omit<AclEntry, "ruleNo">[]; egress: Omit<AclEntry, "ruleNo">[] };

  for (const tier of Object.keys(inputs.tierBlocks)) {
    // Hosts in one tier talk freely among themselves.
    at(tier).ingress.push(all(block(tier)));
    at(tier).egress.push(all(block(tier)));
  }

  const flows: TierFlow[] = [...inputs.flows];
  for (const tier of Object.keys(inputs.tierBlocks)) {
    if (tier !== inputs.endpointTier) flows.push({ from: tier, to: inputs.endpointTier, ports: [443, 443] });
  }
  for (const flow of flows) {
    if (flow.ports === "all") {
      at(flow.from).egress.push(all(block(flow.to)));
      at(flow.from).ingress.push(all(block(flow.to)));
      at(flow.to).ingress.push(all(block(flow.from)));
      at(flow.to).egress.push(all(block(flow.from)));
      continue;
    }
    at(flow.from).egress.push(entry("tcp", flow.ports, block(flow.to)));
    at(flow.from).ingress.push(entry("tcp", EPHEMERAL, block(flow.to)));
    at(flow.to).ingress.push(entry("tcp", flow.ports, block(flow.from)));
    at(flow.to).egress.push(entry("tcp", EPHEMERAL, block(flow.from)));
  }

  for (const tier of Object.keys(inputs.tierBlocks)) {
    if (inputs.tierKinds[tier] === "public") {
      // Load balancers accept HTTPS from the internet; NAT and outbound calls need their replies.
      at(tier).ingress.push(entry("tcp", [443, 443], ANYWHERE), entry("tcp", EPHEMERAL, ANYWHERE));
      at(tier).egress.push(all(ANYWHERE));
    } else {
      // Outbound HTTPS only: through NAT where the tier has it, else to S3 through the gateway endpoint
      // (S3's addresses are public; the route table, with no route out, keeps this traffic on the endpoint).
      at(tier).egress.push(entry("tcp", [443, 443], ANYWHERE));
      at(tier).ingress.push(entry("tcp", EPHEMERAL, ANYWHERE));
    }
  }

  const number = (entries: Omit<AclEntry, "ruleNo">[]): AclEntry[] => {
    const unique = entries.filter(
      (e, i) => entries.findIndex((o) => JSON.stringify(o) === JSON.stringify(e)) === i,
    );
    return unique.map((e, i) => ({ ruleNo: (i + 1) * 10, ...e }));
  };
  return Object.fromEntries(
    Object.entries(rules).map(([tier, r]) => [
      tier,
      { ingress: number(r.ingress), egress: number(r.egress) },
    ]),
  );
}
