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
  label: string;
  parent: Node | null;
  binWeights: Float64Array;
  lateWeight: number;
  prior?: SurvivalGrid;
  peer?: PeerPrior;
}

/** Labels of a segment's levels, widest first (the company, terms, terms + industry, + region). */
const levelLabels = (s: Segment): string[] => {
  const terms = `${s.termsDays}-day terms`;
  return [
    'all customers',
    terms,
    s.industry ? `${terms}, ${s.industry}` : terms,
    [terms, s.industry, s.region].filter(Boolean).join(', '),
  ];
};

export function peerPriors(
  samples: Iterable<{ segment: Segment; sample: LateSample }>,
  settings: LatenessSettings,
): PeerPriors {
  const { lateDays } = settings;
  const binCount = daysLateBins(lateDays).length;
  const node = (label: string, parent: Node | null): Node => ({
    label,
    parent,
    binWeights: new Float64Array(binCount),
    lateWeight: 0,
  });
  const root = node('all customers', null);
  // Chains by terms, then industry, then region: a day's plan looks a segment up twice per
  // customer, and keys built as strings each time cost more than the sums they find.
  const byTerms = new Map<
    number,
    { node: Node; byIndustry: Map<string, { node: Node; byRegion: Map<string, Node[]> }> }
  >();
  const nodesOf = (segment: Segment): Node[] => {
    let terms = byTerms.get(segment.termsDays);
    if (!terms) {
      terms = { node: node(levelLabels(segment)[1]!, root), byIndustry: new Map() };
      byTerms.set(segment.termsDays, terms);
    }
    let industry = terms.byIndustry.get(segment.industry ?? '');
    if (!industry) {
      industry = { node: node(levelLabels(segment)[2]!, terms.node), byRegion: new Map() };
      terms.byIndustry.set(segment.industry ?? '', industry);
    }
    let chain = industry.byRegion.get(segment.region ?? '');
    if (!chain) {
      chain = [root, terms.node, industry.node, node(levelLabels(segment)[3]!, industry.node)];
      industry.byRegion.set(segment.region ?? '', chain);
    }
    return chain;
  };
  const onTime = daysLateBins(lateDays).findIndex((b) => b.to >= 0);
  root.binWeights[onTime] = REFERENCE_WEIGHT * (1 - REFERENCE_LATE_SHARE);
  root.lateWeight = REFERENCE_WEIGHT * REFERENCE_LATE_SHARE;
  for (const { segment, sample } of samples) {
    const weights = sample.binWeights;
    const bins = Math.min(binCount, weights.length);
    for (const n of nodesOf(segment)) {
      n.lateWeight += sample.lateWeight;
      for (let k = 0; k < bins; k++) n.binWeights[k]! += weights[k]!;
    }
  }
  const priorOf = (n: Node): SurvivalGrid => {
    if (n.prior) return n.prior;
    const own = survivalGrid(n, lateDays, settings.spreadFloorDays);
    n.prior = n.parent ? blend(own, totalWeight(n), priorOf(n.parent), settings.peerShrinkage) : own;
    return n.prior;
  };
  return {
    of(segment) {
      const narrowest = nodesOf(segment)[3]!;
      narrowest.peer ??= { grid: priorOf(narrowest), label: narrowest.label };
      return narrowest.peer;
    },
  };
}
