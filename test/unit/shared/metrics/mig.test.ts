import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../src-shared/datasets/rng';
import {
  categoricalLabels,
  discreteEntropy,
  discreteMutualInformation,
  histogramDiscretize,
  mutualInformationGap,
  type FactorValues,
} from '../../../../src-shared/metrics/mig';

/** I(a; b) = H(a) + H(b) − H(a, b), counted with string keys: an independent way to the same number. */
function entropyOf(keys: string[]): number {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) h -= (c / keys.length) * Math.log(c / keys.length);
  return h;
}
const independentMi = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  const ka = Array.from(a, String);
  const kb = Array.from(b, String);
  return entropyOf(ka) + entropyOf(kb) - entropyOf(ka.map((x, i) => `${x}|${kb[i]}`));
};

/** Row-major codes from columns. */
const codesOf = (columns: ArrayLike<number>[]) => {
  const n = columns[0].length;
  const out = new Float64Array(n * columns.length);
  for (let i = 0; i < n; i++) columns.forEach((c, j) => (out[i * columns.length + j] = c[i]));
  return out;
};

/** Five factors like the sprites': one categorical, four continuous, independent. */
function factorsOf(n: number, seed: number): FactorValues[] {
  const random = mulberry32(seed);
  const columns = Array.from({ length: 5 }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    columns[0][i] = Math.floor(random() * 4);
    for (let f = 1; f < 5; f++) columns[f][i] = random() * (f + 1);
  }
  return columns.map((values, f) => ({ name: `f${f}`, values, discrete: f === 0 }));
}

describe('histogram discretization (np.histogram + np.digitize, 20 bins)', () => {
  it('cuts [min, max] into equal-width bins, inner edges going up and the maximum into the last bin', () => {
    expect(Array.from(histogramDiscretize(Float64Array.from({ length: 21 }, (_, i) => i)))).toEqual([...Array.from({ length: 20 }, (_, i) => i), 19]);
    // numpy: np.digitize(x, np.histogram(x, 20)[1][:-1]) − 1 = [0, 1, 2, 2, 18, 19] (the edge 3·0.05 is 0.15000000000000002).
    expect(Array.from(histogramDiscretize([0, 0.05, 0.1, 0.15, 0.95, 1]))).toEqual([0, 1, 2, 2, 18, 19]);
  });

  it('puts a constant column in one bin and refuses non-finite values', () => {
    expect(Array.from(histogramDiscretize([3, 3, 3]))).toEqual([0, 0, 0]);
    expect(() => histogramDiscretize([0, Number.NaN])).toThrow(/value 1 is NaN/);
  });
});

describe('discrete mutual information and entropy', () => {
  it('agree with H(a) + H(b) − H(a, b) counted independently', () => {
    const random = mulberry32(3);
    const a = Int32Array.from({ length: 300 }, () => Math.floor(random() * 5));
    const b = Int32Array.from(a, (x) => (random() < 0.7 ? x : Math.floor(random() * 7)));
    expect(discreteMutualInformation(a, b)).toBeCloseTo(independentMi(a, b), 12);
    expect(discreteEntropy(a)).toBeCloseTo(entropyOf(Array.from(a, String)), 12);
    expect(discreteMutualInformation(a, a)).toBeCloseTo(discreteEntropy(a), 12);
  });

  it('is log 4 for a uniform 4-way label against itself and 0 against a constant', () => {
    const a = Int32Array.from({ length: 400 }, (_, i) => i % 4);
    expect(discreteMutualInformation(a, a)).toBeCloseTo(Math.log(4), 14);
    expect(discreteMutualInformation(a, new Int32Array(400))).toBe(0);
  });

  it('labels a discrete factor by its distinct values', () => {
    expect(Array.from(categoricalLabels([2.5, 0, 2.5, 7]))).toEqual([0, 1, 0, 2]);
  });
});

describe('MIG (Chen et al. 2018, as disentanglement_lib mig.py)', () => {
  it('matches disentanglement_lib run on the same codes (numpy re-statement of mig.py, to 1e-12)', () => {
    // test/fixtures/disentanglement/mig_reference.py restates mig.py in numpy (np.histogram, np.digitize, the
    // contingency-table MI of sklearn's mutual_info_score) and prints these numbers for the same codes.
    const n = 500;
    const idx = Float64Array.from({ length: n }, (_, i) => i);
    const f0 = idx.map((i) => i % 4);
    const f1 = idx.map((i) => ((i * 7919) % 1000) / 1000);
    const f2 = idx.map((i) => Math.sin(i));
    const z = codesOf([f1.map((v, i) => v + 0.1 * Math.cos(3 * i)), f0.map((v, i) => v + 0.3 * Math.sin(5 * i)), idx.map((i) => Math.cos(i * 0.5) * 2)]);
    const result = mutualInformationGap(z, n, 3, [
      { name: 'f0', values: f0, discrete: true },
      { name: 'f1', values: f1, discrete: false },
      { name: 'f2', values: f2, discrete: false },
    ]);
    expect(result.mig).toBeCloseTo(0.41072735582094805, 12);
    const expectedMi = [
      [0.01456659395821936, 1.3862943611198904, 0.17942029843148094],
      [1.4893641513278368, 0.305671214096579, 0.455275814948018],
      [0.40208659255091317, 1.2061909251563636, 1.159734590153562],
    ];
    result.factors.forEach((f, k) => f.mutualInformation.forEach((mi, j) => expect(mi).toBeCloseTo(expectedMi[k][j], 12)));
    expect(result.factors.map((f) => f.entropy)).toEqual([1.3862943611198906, 2.995172124125002, 2.8405439642926433].map((h) => expect.closeTo(h, 12)));
    expect(result.factors.map((f) => [f.top, f.second])).toEqual([
      [1, 2],
      [0, 2],
      [1, 2],
    ]);
  });

  it('scores a perfectly disentangled code (each dimension one factor) near 1', () => {
    const factors = factorsOf(10_000, 11);
    const result = mutualInformationGap(codesOf(factors.map((f) => f.values)), 10_000, 5, factors);
    expect(result.mig).toBeGreaterThan(0.95);
    expect(result.factors.map((f) => f.top)).toEqual([0, 1, 2, 3, 4]);
    // The gap is I(z_k; v_k) − (the largest chance MI of another dimension), all over H(v_k) = I(z_k; v_k).
    for (const f of result.factors) expect(f.normalizedGap).toBeCloseTo(1 - f.mutualInformation[f.second!] / f.entropy, 12);
  });

  it('scores a code independent of the factors near 0', () => {
    const factors = factorsOf(10_000, 12);
    const random = mulberry32(99);
    const noise = Array.from({ length: 6 }, () => Float64Array.from({ length: 10_000 }, () => random()));
    expect(mutualInformationGap(codesOf(noise), 10_000, 6, factors).mig).toBeLessThan(0.01);
  });

  it('scores a permutation of the factors (scaled, shifted) the same as the factors', () => {
    const factors = factorsOf(4000, 13);
    const identity = mutualInformationGap(codesOf(factors.map((f) => f.values)), 4000, 5, factors);
    const order = [3, 0, 4, 1, 2];
    // Monotone affine maps keep every histogram bin: the MI matrix is the same up to the column order.
    const permuted = mutualInformationGap(codesOf(order.map((f) => Float64Array.from(factors[f].values, (v) => 2.5 * v - 1))), 4000, 5, factors);
    expect(permuted.mig).toBeCloseTo(identity.mig, 12);
    expect(permuted.factors.map((f) => order[f.top])).toEqual([0, 1, 2, 3, 4]);
  });

  it('a code that mixes two factors into one dimension loses both their gaps', () => {
    const factors = factorsOf(5000, 14);
    const [f0, f1, f2, f3, f4] = factors.map((f) => f.values as Float64Array);
    const mixed = f1.map((v, i) => v + f2[i] * 1.5);
    const result = mutualInformationGap(codesOf([f0, mixed, mixed.map((v) => -v), f3, f4]), 5000, 5, factors);
    const gapOf = (name: string) => result.factors.find((f) => f.factor === name)!.normalizedGap;
    // z₁ and z₂ carry the same information: the gaps of f1 and f2 vanish, the other factors keep theirs.
    expect(gapOf('f1')).toBeLessThan(0.05);
    expect(gapOf('f2')).toBeLessThan(0.05);
    expect(gapOf('f3')).toBeGreaterThan(0.9);
  });

  it('measures a 1-d code against 0, leaves constant factors out and checks shapes', () => {
    const factors = factorsOf(1000, 15);
    const one = mutualInformationGap(factors[1].values, 1000, 1, [factors[1], { name: 'still', values: new Float64Array(1000), discrete: false }]);
    expect(one.factors.map((f) => f.factor)).toEqual(['f1']);
    expect(one.factors[0].second).toBeNull();
    expect(one.mig).toBeCloseTo(1, 12);
    expect(() => mutualInformationGap(new Float64Array(10), 5, 3, factors)).toThrow(/10 code values are not 5 codes × 3 dimensions/);
    expect(() => mutualInformationGap(new Float64Array(5), 5, 1, [{ name: 'c', values: new Float64Array(5), discrete: true }])).toThrow(/every factor is constant/);
  });
});
