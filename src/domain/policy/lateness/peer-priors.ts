// What a customer's peers say about lateness, for customers whose own history is short: the
// company's pooled history, then customers on the same terms, then the same terms and industry,
// then terms, industry and region — each level shrunk toward the one above by `peerShrinkage`
// pseudo-invoices, so a thin segment borrows from its wider one.

import { at, blend, type LateSample, type SurvivalGrid, survivalGrid, totalWeight } from './late-survival.ts';
import type { LatenessSettings } from './lateness-settings.ts';
import { daysLateBins } from './pay-history.ts';

/** A customer's peer group. An account has these fields itself, so the plan passes it as is (no copy per account). */
export interface Segment {
  termsDays: number;
  industry: string | null;
  region: string | null;
}

/** A prior survival: a weighted mix of grids (a segment's prior is one grid of weight 1). */
export interface PeerPrior {
  grids: readonly SurvivalGrid[];
  /** One per grid, adding up to 1. */
  weights: readonly number[];
  /** Whose prior it is, in words ("30-day terms, Construction, West"). */
  label: string;
}

/** S(t) of a prior. */
export function priorAt(prior: PeerPrior, t: number): number {
  let s = 0;
  for (let i = 0; i < prior.grids.length; i++) s += prior.weights[i]! * at(prior.grids[i]!, t);
  return s;
}

export interface PeerPriors {
  /**
   * The prior of a customer in `segment`; given its own sample, the day's pay classes (when
   * learned) that explain it replace the segment's for a customer with a history.
   */
  of(segment: Segment, own?: LateSample): PeerPrior;
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

/**
 * Samples summed by segment at every level (the company, terms, terms + industry, + region), with
 * the reference pseudo-invoices in the company's sum. Built once from the customers' settled
 * years (beside the day's main read), then copied and topped up with the day's open late money.
 */
export interface PeerSums {
  readonly lateDays: number;
  readonly root: Node;
  readonly byTerms: Map<number, TermsLevel>;
}

interface TermsLevel {
  node: Node;
  byIndustry: Map<string, { node: Node; byRegion: Map<string, Node[]> }>;
}

const emptyNode = (label: string, parent: Node | null, bins: number): Node => ({
  label,
  parent,
  binWeights: new Float64Array(bins),
  lateWeight: 0,
});

/** Sums with nothing but the reference pseudo-invoices. */
export function peerSums(lateDays: number): PeerSums {
  const bins = daysLateBins(lateDays);
  const root = emptyNode('all customers', null, bins.length);
  const onTime = bins.findIndex((b) => b.to >= 0);
  root.binWeights[onTime] = REFERENCE_WEIGHT * (1 - REFERENCE_LATE_SHARE);
  root.lateWeight = REFERENCE_WEIGHT * REFERENCE_LATE_SHARE;
  return { lateDays, root, byTerms: new Map() };
}

/** The segment's chain of levels, widest first, made on first use. */
function nodesOf(sums: PeerSums, segment: Segment): Node[] {
  // Chains by terms, then industry, then region: a day's plan looks a segment up twice per
  // customer, and keys built as strings each time cost more than the sums they find.
  const bins = sums.root.binWeights.length;
  let terms = sums.byTerms.get(segment.termsDays);
  if (!terms) {
    terms = { node: emptyNode(levelLabels(segment)[1]!, sums.root, bins), byIndustry: new Map() };
    sums.byTerms.set(segment.termsDays, terms);
  }
  let industry = terms.byIndustry.get(segment.industry ?? '');
  if (!industry) {
    industry = { node: emptyNode(levelLabels(segment)[2]!, terms.node, bins), byRegion: new Map() };
    terms.byIndustry.set(segment.industry ?? '', industry);
  }
  let chain = industry.byRegion.get(segment.region ?? '');
  if (!chain) {
    chain = [sums.root, terms.node, industry.node, emptyNode(levelLabels(segment)[3]!, industry.node, bins)];
    industry.byRegion.set(segment.region ?? '', chain);
  }
  return chain;
}

/** Adds one customer's sample to its segment's levels. */
export function addSample(sums: PeerSums, segment: Segment, sample: LateSample): void {
  const weights = sample.binWeights;
  const bins = Math.min(sums.root.binWeights.length, weights.length);
  for (const n of nodesOf(sums, segment)) {
    n.lateWeight += sample.lateWeight;
    for (let k = 0; k < bins; k++) n.binWeights[k]! += weights[k]!;
  }
}

/** A copy that can be added to without changing `sums`. */
export function copySums(sums: PeerSums): PeerSums {
  const copied = new Map<Node, Node>();
  const copy = (n: Node): Node => {
    let c = copied.get(n);
    if (!c) {
      c = {
        label: n.label,
        parent: n.parent && copy(n.parent),
        binWeights: Float64Array.from(n.binWeights),
        lateWeight: n.lateWeight,
      };
      copied.set(n, c);
    }
    return c;
  };
  const byTerms = new Map<number, TermsLevel>();
  for (const [terms, t] of sums.byTerms) {
    const byIndustry: TermsLevel['byIndustry'] = new Map();
    for (const [industry, i] of t.byIndustry)
      byIndustry.set(industry, {
        node: copy(i.node),
        byRegion: new Map([...i.byRegion].map(([region, chain]) => [region, chain.map(copy)])),
      });
    byTerms.set(terms, { node: copy(t.node), byIndustry });
  }
  return { lateDays: sums.lateDays, root: copy(sums.root), byTerms };
}

export function peerPriors(
  samples: Iterable<{ segment: Segment; sample: LateSample }>,
  settings: LatenessSettings,
): PeerPriors {
  const sums = peerSums(settings.lateDays);
  for (const { segment, sample } of samples) addSample(sums, segment, sample);
  return priorsOf(sums, settings);
}

/** The priors of summed samples (`sums` is not changed, but for segments first seen here). */
export function priorsOf(sums: PeerSums, settings: LatenessSettings): PeerPriors {
  const priorOf = (n: Node): SurvivalGrid => {
    if (n.prior) return n.prior;
    const own = survivalGrid(n, settings.lateDays, settings.spreadFloorDays);
    n.prior = n.parent ? blend(own, totalWeight(n), priorOf(n.parent), settings.peerShrinkage) : own;
    return n.prior;
  };
  return {
    of(segment) {
      const narrowest = nodesOf(sums, segment)[3]!;
      narrowest.peer ??= { grids: [priorOf(narrowest)], weights: [1], label: narrowest.label };
      return narrowest.peer;
    },
  };
}
