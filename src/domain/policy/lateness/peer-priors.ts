// What a customer's peers say about lateness, for customers whose own history is short: the
// company's pooled history, then customers on the same terms, then the same terms and industry,
// then terms, industry and region — each level shrunk toward the one above by `peerShrinkage`
// pseudo-invoices, so a thin segment borrows from its wider one.

import { blend, type LateSample, type SurvivalGrid, survivalGrid, totalWeight } from './late-survival.ts';
import type { LatenessSettings } from './lateness-settings.ts';
import { daysLateBins } from './pay-history.ts';

export interface Segment {
  termsDays: number;
  industry: string | null;
  region: string | null;
}

export interface PeerPrior {
  grid: SurvivalGrid;
  /** The narrowest segment, in words ("30-day terms, Construction, West"). */
  label: string;
}

export interface PeerPriors {
  of(segment: Segment): PeerPrior;
}

/**
 * A company with no history at all still gets a sensible prior: two pseudo-invoices, 90% paid
 * about on the due date and 10% late. Negligible once a few hundred real invoices are pooled.
 */
const REFERENCE_WEIGHT = 2;
const REFERENCE_LATE_SHARE = 0.1;

interface Node {
  key: string;
  label: string;
  parent: Node | null;
  binWeights: number[];
  lateWeight: number;
  prior?: SurvivalGrid;
}

const levels = (s: Segment): { key: string; label: string }[] => {
  const terms = `${s.termsDays}-day terms`;
  return [
    { key: '*', label: 'all customers' },
    { key: `t${s.termsDays}`, label: terms },
    { key: `t${s.termsDays}|${s.industry ?? ''}`, label: s.industry ? `${terms}, ${s.industry}` : terms },
    {
      key: `t${s.termsDays}|${s.industry ?? ''}|${s.region ?? ''}`,
      label: [terms, s.industry, s.region].filter(Boolean).join(', '),
    },
  ];
};

export function peerPriors(
  samples: Iterable<{ segment: Segment; sample: LateSample }>,
  settings: LatenessSettings,
): PeerPriors {
  const { lateDays } = settings;
  const binCount = daysLateBins(lateDays).length;
  const nodes = new Map<string, Node>();
  const nodesOf = (segment: Segment): Node[] => {
    let parent: Node | null = null;
    return levels(segment).map(({ key, label }) => {
      let node = nodes.get(key);
      if (!node) {
        node = { key, label, parent, binWeights: new Array<number>(binCount).fill(0), lateWeight: 0 };
        nodes.set(key, node);
      }
      parent = node;
      return node;
    });
  };
  const company = nodesOf({ termsDays: 0, industry: null, region: null })[0]!;
  const onTime = daysLateBins(lateDays).findIndex((b) => b.to >= 0);
  company.binWeights[onTime] = REFERENCE_WEIGHT * (1 - REFERENCE_LATE_SHARE);
  company.lateWeight = REFERENCE_WEIGHT * REFERENCE_LATE_SHARE;
  for (const { segment, sample } of samples) {
    for (const node of nodesOf(segment)) {
      node.lateWeight += sample.lateWeight;
      for (let k = 0; k < binCount; k++) node.binWeights[k]! += sample.binWeights[k] ?? 0;
    }
  }
  const priorOf = (node: Node): SurvivalGrid => {
    if (node.prior) return node.prior;
    const own = survivalGrid(node, lateDays, settings.spreadFloorDays);
    node.prior = node.parent
      ? blend(own, totalWeight(node), priorOf(node.parent), settings.peerShrinkage)
      : own;
    return node.prior;
  };
  return {
    of(segment) {
      const chain = nodesOf(segment);
      const narrowest = chain[chain.length - 1]!;
      return { grid: priorOf(narrowest), label: narrowest.label };
    },
  };
}
