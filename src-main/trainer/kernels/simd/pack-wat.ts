import { PANEL_COLUMNS } from './gemm-wat';
import { add, forLoop, get, i32, mul, set } from './wat';

/**
 * B (K×N, row-major; or stored transposed as N×K when `trans` is set) → panels of 8 columns, panel p holding
 * B[k][8p + c] at (p·K + k)·8 + c, zero past column N, so the GEMM tile reads one panel contiguously.
 * `pad_copy` copies n floats and zero-fills up to `total` (the bias, padded to whole panels).
 */
export function packWat(): string {
  const index = `(if (result i32) ${get('trans')} (then ${add(mul(get('col'), get('K')), get('k'))}) (else ${add(mul(get('k'), get('N')), get('col'))}))`;
  const source = add(get('src'), `(i32.shl ${index} ${i32(2)})`);
  const element = `(if (result f32) (i32.lt_s ${get('col')} ${get('N')}) (then (f32.load ${source})) (else (f32.const 0)))`;
  return `(func (export "pack_b") (param $src i32) (param $dst i32) (param $K i32) (param $N i32) (param $trans i32)
  (local $j i32) (local $k i32) (local $c i32) (local $col i32) (local $panel i32) (local $from i32)
  ${forLoop(
    'j',
    get('N'),
    i32(PANEL_COLUMNS),
    `${set('panel', add(get('dst'), mul(get('j'), `(i32.shl ${get('K')} ${i32(2)})`)))}
  (if (i32.and (i32.eqz ${get('trans')}) (i32.le_s ${add(get('j'), i32(PANEL_COLUMNS))} ${get('N')}))
    (then
      ${set('from', add(get('src'), `(i32.shl ${get('j')} ${i32(2)})`))}
      ${forLoop(
        'k',
        get('K'),
        i32(1),
        `(v128.store ${add(get('panel'), `(i32.shl ${get('k')} ${i32(5)})`)} (v128.load ${get('from')}))
      (v128.store offset=16 ${add(get('panel'), `(i32.shl ${get('k')} ${i32(5)})`)} (v128.load offset=16 ${get('from')}))
      ${set('from', add(get('from'), `(i32.shl ${get('N')} ${i32(2)})`))}`,
      )})
    (else
      ${forLoop(
        'c',
        i32(PANEL_COLUMNS),
        i32(1),
        `${set('col', add(get('j'), get('c')))}
      ${forLoop('k', get('K'), i32(1), `(f32.store ${add(get('panel'), `(i32.shl ${add(`(i32.shl ${get('k')} ${i32(3)})`, get('c'))} ${i32(2)})`)} ${element})`)}`,
      )}))`,
  )})
(func (export "pad_copy") (param $src i32) (param $dst i32) (param $n i32) (param $total i32)
  (memory.copy ${get('dst')} ${get('src')} (i32.shl ${get('n')} ${i32(2)}))
  (memory.fill ${add(get('dst'), `(i32.shl ${get('n')} ${i32(2)})`)} ${i32(0)} (i32.shl (i32.sub ${get('total')} ${get('n')}) ${i32(2)})))`;
}
