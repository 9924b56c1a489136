import { add, forLoop, get, i32, mul, set } from './wat';

/**
 * dst[j] = Σ_i src[i][j] over a row-major rows × cols block (a bias gradient: the batch summed per column), four
 * columns at a time down the rows, the last < 4 one by one.
 */
export function columnSumsWat(): string {
  const at = (row: string, col: string): string => add(get('src'), `(i32.shl ${add(mul(row, get('cols')), col)} ${i32(2)})`);
  return `(func (export "column_sums") (param $src i32) (param $rows i32) (param $cols i32) (param $dst i32)
  (local $i i32) (local $j i32) (local $c4 i32) (local $acc v128) (local $s f32)
  ${set('c4', `(i32.and ${get('cols')} ${i32(-4)})`)}
  ${forLoop(
    'j',
    get('c4'),
    i32(4),
    `${set('acc', '(v128.const i32x4 0 0 0 0)')}
    ${forLoop('i', get('rows'), i32(1), set('acc', `(f32x4.add ${get('acc')} (v128.load ${at(get('i'), get('j'))}))`))}
    (v128.store ${add(get('dst'), `(i32.shl ${get('j')} ${i32(2)})`)} ${get('acc')})`,
  )}
  ${forLoop(
    'j',
    get('cols'),
    i32(1),
    `${set('s', '(f32.const 0)')}
    ${forLoop('i', get('rows'), i32(1), set('s', `(f32.add ${get('s')} (f32.load ${at(get('i'), get('j'))}))`))}
    (f32.store ${add(get('dst'), `(i32.shl ${get('j')} ${i32(2)})`)} ${get('s')})`,
    get('c4'),
  )})`;
}
