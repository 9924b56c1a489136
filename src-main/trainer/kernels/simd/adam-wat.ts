import { add, get, i32, set } from './wat';

const POINTERS = ['w', 'm', 'v', 'g', 'ow', 'om', 'ov', 'n'];
const SCALARS = ['beta1', 'keep1', 'beta2', 'keep2', 'corr1', 'corr2', 'eps', 'negLr'];

/** One element (f32) or four (f32x4) of the update at byte offset `at`, into locals m / v of that width. */
function update(t: 'f32' | 'f32x4', at: string): string {
  const load = t === 'f32' ? 'f32.load' : 'v128.load';
  const store = t === 'f32' ? 'f32.store' : 'v128.store';
  const s = (name: string): string => get(t === 'f32' ? name : `${name}4`);
  const [m, v] = t === 'f32' ? ['ms', 'vs'] : ['mv', 'vv'];
  const read = (p: string): string => `(${load} ${add(get(p), at)})`;
  return `${set(m, `(${t}.add (${t}.mul ${read('m')} ${s('beta1')}) (${t}.mul ${read('g')} ${s('keep1')}))`)}
    ${set(v, `(${t}.add (${t}.mul ${read('v')} ${s('beta2')}) (${t}.mul (${t}.mul ${read('g')} ${read('g')}) ${s('keep2')}))`)}
    (${store} ${add(get('om'), at)} ${get(m)})
    (${store} ${add(get('ov'), at)} ${get(v)})
    (${store} ${add(get('ow'), at)} (${t}.add (${t}.mul (${t}.div (${t}.div ${get(m)} ${s('corr1')}) (${t}.add (${t}.sqrt (${t}.div ${get(v)} ${s('corr2')})) ${s('eps')})) ${s('negLr')}) ${read('w')}))`;
}

/**
 * One Adam update over n floats, in the order and float32 rounding of tfjs' AdamOptimizer, so both give the same
 * bits: m' = m·β1 + g·(1−β1); v' = v·β2 + g²·(1−β2); w' = (m'/(1−β1ᵗ)) / (√(v'/(1−β2ᵗ)) + ε) · (−lr) + w.
 * Plain multiplies and adds (no fused multiply-add) for that reason. Four at a time, then the tail one by one.
 */
export function adamWat(): string {
  return `(func (export "adam") ${POINTERS.map((n) => `(param $${n} i32)`).join(' ')} ${SCALARS.map((n) => `(param $${n} f32)`).join(' ')}
  (local $i i32) (local $at i32) (local $mv v128) (local $vv v128) (local $ms f32) (local $vs f32)
  ${SCALARS.map((n) => `(local $${n}4 v128)`).join(' ')}
  ${SCALARS.map((n) => set(`${n}4`, `(f32x4.splat ${get(n)})`)).join('\n  ')}
  (block $vectors_done (loop $vectors
    (br_if $vectors_done (i32.gt_s ${add(get('i'), i32(4))} ${get('n')}))
    ${set('at', `(i32.shl ${get('i')} ${i32(2)})`)}
    ${update('f32x4', get('at'))}
    ${set('i', add(get('i'), i32(4)))}
    (br $vectors)))
  (block $tail_done (loop $tail
    (br_if $tail_done (i32.ge_s ${get('i')} ${get('n')}))
    ${set('at', `(i32.shl ${get('i')} ${i32(2)})`)}
    ${update('f32', get('at'))}
    ${set('i', add(get('i'), i32(1)))}
    (br $tail)))
)`;
}
