import { add, forLoop, get, i32, mul, set } from './wat';

/**
 * f32x4 constants as locals set once before the loops: V8 rebuilds a v128.const every time it is used, which made
 * the polynomials below several times slower than their arithmetic.
 */
const constants = new Map<number, string>();
const f = (x: number): string => {
  if (!constants.has(x)) constants.set(x, `c${constants.size}`);
  return get(constants.get(x) as string);
};
const constantLocals = (): string => [...constants.values()].map((name) => `(local $${name} v128)`).join(' ');
const constantInits = (): string => [...constants].map(([x, name]) => set(name, `(v128.const f32x4 ${x} ${x} ${x} ${x})`)).join('\n  ');
const op = (name: string, ...args: string[]): string => `(f32x4.${name} ${args.join(' ')})`;
/** Whether Horner steps use relaxed-SIMD fused multiply-add (set per module build). */
let fused = false;
/** Horner's rule: ((c0·x + c1)·x + c2)…, one fused multiply-add per step where the engine has them. */
const horner = (x: string, coefficients: number[]): string =>
  coefficients
    .slice(1)
    .reduce((acc, c) => (fused ? `(f32x4.relaxed_madd ${acc} ${x} ${f(c)})` : op('add', op('mul', acc, x), f(c))), f(coefficients[0]));

/**
 * exp(t) for t ≤ 0, four at a time (Cephes expf): t = n·ln2 + r with |r| ≤ ln2/2, e^r by a degree-6 polynomial,
 * 2ⁿ built in the exponent bits. t is clamped at −87.3 (e^t ≈ 1.2e−38, the smallest normal float), ~1 ulp.
 * Inline code from local $t into local $e (a call per four values cost as much as the arithmetic).
 */
function expNonPositive(): string {
  return `${set('t', op('max', get('t'), f(-87.33654)))}
  ${set('n', op('nearest', op('mul', get('t'), f(1.44269504088896341))))}
  ${set('r', op('sub', op('sub', get('t'), op('mul', get('n'), f(0.693359375))), op('mul', get('n'), f(-2.12194440e-4))))}
  ${set('e', op(
    'mul',
    op('add', op('add', op('mul', op('mul', get('r'), get('r')), horner(get('r'), [1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1])), get('r')), f(1)),
    `(i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s ${get('n')}) (v128.const i32x4 127 127 127 127)) ${i32(23)})`,
  ))}`;
}

/**
 * log(1 + e) for e in [0, 1], four at a time: u = 1 + e, log u by Cephes logf on [√½, √2) (u or u/2), plus the
 * rounding correction (e − (u − 1))/u that keeps small e exact (log1p e ≈ e when 1 + e rounds to 1).
 * Inline code from local $e into local $log1p.
 */
function log1pUnit(): string {
  const coefficients = [7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1];
  return `${set('u', op('add', f(1), get('e')))}
  ${set('big', op('ge', get('u'), f(Math.SQRT2)))}
  ${set('y', op('sub', `(v128.bitselect ${op('mul', get('u'), f(0.5))} ${get('u')} ${get('big')})`, f(1)))}
  ${set('k', `(v128.and ${get('big')} ${f(1)})`)}
  ${set('z', op('mul', get('y'), get('y')))}
  ${set('log1p', op(
    'add',
    op(
      'add',
      op('add', get('y'), op('add', op('mul', op('mul', get('y'), get('z')), horner(get('y'), coefficients)), op('add', op('mul', get('k'), f(-2.12194440e-4)), op('mul', get('z'), f(-0.5))))),
      op('mul', get('k'), f(0.693359375)),
    ),
    op('div', op('sub', get('e'), op('sub', get('u'), f(1))), get('u')),
  ))}`;
}

/** Four logits and targets at `lp`/`xp`, or the row's last < 4 copied to `pad` (logits −100, targets 0). */
function rowQuad(body: string): string {
  return `${forLoop(
    'j',
    get('d'),
    i32(4),
    `${set('rest', `(i32.sub ${get('d')} ${get('j')})`)}
    ${set('lp', add(get('l'), `(i32.shl ${add(mul(get('i'), get('d')), get('j'))} ${i32(2)})`))}
    ${set('xp', add(get('x'), `(i32.shl ${add(mul(get('i'), get('d')), get('j'))} ${i32(2)})`))}
    (if (i32.lt_s ${get('rest')} ${i32(4)})
      (then
        (v128.store ${get('pad')} ${f(-100)})
        (v128.store offset=16 ${get('pad')} ${f(0)})
        (memory.copy ${get('pad')} ${get('lp')} (i32.shl ${get('rest')} ${i32(2)}))
        (memory.copy (i32.add ${get('pad')} ${i32(16)}) ${get('xp')} (i32.shl ${get('rest')} ${i32(2)}))
        ${set('lp', get('pad'))}
        ${set('xp', add(get('pad'), i32(16)))}))
    ${set('lv', `(v128.load ${get('lp')})`)}
    ${set('xv', `(v128.load ${get('xp')})`)}
    ${set('t', op('neg', op('abs', get('lv'))))}
    ${expNonPositive()}
    ${body}`,
  )}`;
}

const ROW_LOCALS =
  '(local $i i32) (local $j i32) (local $rest i32) (local $lp i32) (local $xp i32) (local $lv v128) (local $xv v128) (local $e v128) (local $t v128) (local $n v128) (local $r v128)';

/**
 * The Bernoulli decoder's negative log-likelihood from logits l and targets x, per row:
 * Σ_j max(l, 0) − l·x + log(1 + e^(−|l|)) (the stable form of −x·log σ(l) − (1 − x)·log(1 − σ(l))), and its gradient
 * dy_i·(σ(l) − x), σ(l) = 1/(1 + e) for l ≥ 0 and e/(1 + e) below, e = e^(−|l|). `pad` is 48 bytes of scratch.
 * With `fma`, the polynomials' Horner steps are fused multiply-adds (fewer instructions, one rounding each).
 */
export function bernoulliWat(fma: boolean): string {
  fused = fma;
  constants.clear();
  const nllLoop = forLoop(
    'i',
    get('rows'),
    i32(1),
    `${set('sum', f(0))}
  ${rowQuad(`${log1pUnit()}
    ${set('sum', op('add', get('sum'), op('add', op('sub', op('max', get('lv'), f(0)), op('mul', get('lv'), get('xv'))), get('log1p'))))}`)}
  (f32.store ${add(get('out'), `(i32.shl ${get('i')} ${i32(2)})`)}
    (f32.add (f32.add (f32x4.extract_lane 0 ${get('sum')}) (f32x4.extract_lane 1 ${get('sum')})) (f32.add (f32x4.extract_lane 2 ${get('sum')}) (f32x4.extract_lane 3 ${get('sum')}))))`,
  );
  const nllConstants = [constantLocals(), constantInits()];
  constants.clear();
  const gradLoop = forLoop(
    'i',
    get('rows'),
    i32(1),
    `${set('scale', `(v128.load32_splat ${add(get('dy'), `(i32.shl ${get('i')} ${i32(2)})`)})`)}
  ${rowQuad(`${set('g', op('mul', get('scale'), op('sub', op('div', `(v128.bitselect ${f(1)} ${get('e')} ${op('ge', get('lv'), f(0))})`, op('add', f(1), get('e'))), get('xv'))))}
    ${set('op', add(get('out'), `(i32.shl ${add(mul(get('i'), get('d')), get('j'))} ${i32(2)})`))}
    (if (i32.lt_s ${get('rest')} ${i32(4)})
      (then (v128.store offset=32 ${get('pad')} ${get('g')}) (memory.copy ${get('op')} (i32.add ${get('pad')} ${i32(32)}) (i32.shl ${get('rest')} ${i32(2)})))
      (else (v128.store ${get('op')} ${get('g')})))`)}`,
  );
  return `(func (export "bernoulli_nll") (param $l i32) (param $x i32) (param $rows i32) (param $d i32) (param $out i32) (param $pad i32)
  ${ROW_LOCALS} (local $sum v128) (local $u v128) (local $big v128) (local $y v128) (local $k v128) (local $z v128) (local $log1p v128)
  ${nllConstants[0]}
  ${nllConstants[1]}
  ${nllLoop})
(func (export "bernoulli_grad") (param $l i32) (param $x i32) (param $dy i32) (param $rows i32) (param $d i32) (param $out i32) (param $pad i32)
  ${ROW_LOCALS} (local $scale v128) (local $g v128) (local $op i32)
  ${constantLocals()}
  ${constantInits()}
  ${gradLoop})`;
}
