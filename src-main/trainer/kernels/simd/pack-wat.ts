import { PANEL_COLUMNS, TILE_ROWS } from './gemm-wat';
import { add, forLoop, get, i32, mul, set } from './wat';

/**
 * B (K×N, row-major; or stored transposed as N×K when `trans` is set) → panels of 8 columns, panel p holding
 * B[k][8p + c] at (p·K + k)·8 + c, zero past column N, so the GEMM tile reads one panel contiguously.
 * `pad_copy` copies n floats and zero-fills up to `total` (the bias, padded to whole panels).
 */
/** i8x16.shuffle taking f32 lanes (0–3 from a, 4–7 from b). */
const lanes = (a: string, b: string, picks: number[]): string =>
  `(i8x16.shuffle ${picks.flatMap((l) => [0, 1, 2, 3].map((byte) => l * 4 + byte)).join(' ')} ${a} ${b})`;

/**
 * A 4×4 block turned by shuffles: `row(c)` loads 4 consecutive floats of source row c (c = 0..3), and `store(q, v)`
 * receives v = [row0[q], row1[q], row2[q], row3[q]] for q = 0..3. Uses locals r0–r3 and t0–t3.
 */
function transpose4(row: (c: number) => string, store: (q: number, v: string) => string): string {
  const outputs: [string, string, number[]][] = [
    ['t0', 't2', [0, 1, 4, 5]],
    ['t0', 't2', [2, 3, 6, 7]],
    ['t1', 't3', [0, 1, 4, 5]],
    ['t1', 't3', [2, 3, 6, 7]],
  ];
  return `${[0, 1, 2, 3].map((c) => set(`r${c}`, row(c))).join(' ')}
        ${set('t0', lanes(get('r0'), get('r1'), [0, 4, 1, 5]))} ${set('t1', lanes(get('r0'), get('r1'), [2, 6, 3, 7]))}
        ${set('t2', lanes(get('r2'), get('r3'), [0, 4, 1, 5]))} ${set('t3', lanes(get('r2'), get('r3'), [2, 6, 3, 7]))}
        ${outputs.map(([a, b, picks], q) => store(q, lanes(get(a), get(b), picks))).join('\n        ')}`;
}

/** The locals transpose4 uses, and k4 = K rounded down to a multiple of 4 (the k covered four at a time). */
const TRANSPOSE_LOCALS = `${['r0', 'r1', 'r2', 'r3', 't0', 't1', 't2', 't3'].map((n) => `(local $${n} v128)`).join(' ')}
  ${set('k4', `(i32.and ${get('K')} ${i32(-4)})`)}`;

/** A full B panel from transposed (N×K) storage, four k at a time: two 4×4 transposes per step. */
function transposedPanelQuads(): string {
  const row = (c: number): string => `(v128.load ${add(get('src'), `(i32.shl ${add(mul(add(get('j'), i32(c)), get('K')), get('k'))} ${i32(2)})`)})`;
  const at = `${add(get('panel'), `(i32.shl ${get('k')} ${i32(5)})`)}`;
  const half = (first: number, offset: number): string => transpose4((c) => row(first + c), (q, v) => `(v128.store offset=${q * 32 + offset} ${at} ${v})`);
  return forLoop('k', get('k4'), i32(4), `${half(0, 0)}\n        ${half(4, 16)}`);
}

/**
 * A (M×K row-major, or stored transposed as K×M when `trans` is set) → panels of 4 rows, panel p holding A[4p + r][k]
 * at (p·K + k)·4 + r, zero past row M: the GEMM tile then reads one pointer with constant offsets.
 */
function packAWat(): string {
  const index = `(if (result i32) ${get('trans')} (then ${add(mul(get('k'), get('M')), get('row'))}) (else ${add(mul(get('row'), get('K')), get('k'))}))`;
  const element = `(if (result f32) (i32.lt_s ${get('row')} ${get('M')}) (then (f32.load ${add(get('src'), `(i32.shl ${index} ${i32(2)})`)})) (else (f32.const 0)))`;
  const rowQuad = (c: number): string => `(v128.load ${add(get('src'), `(i32.shl ${add(mul(add(get('i'), i32(c)), get('K')), get('k'))} ${i32(2)})`)})`;
  return `(func (export "pack_a") (param $src i32) (param $dst i32) (param $M i32) (param $K i32) (param $trans i32)
  (local $i i32) (local $k i32) (local $r i32) (local $row i32) (local $panel i32) (local $k4 i32) (local $kStart i32)
  ${TRANSPOSE_LOCALS}
  ${forLoop(
    'i',
    get('M'),
    i32(TILE_ROWS),
    `${set('panel', add(get('dst'), mul(get('i'), `(i32.shl ${get('K')} ${i32(2)})`)))}
  ${set('kStart', i32(0))}
  (if (i32.le_s ${add(get('i'), i32(TILE_ROWS))} ${get('M')})
    (then
      (if ${get('trans')}
        (then
          ${forLoop('k', get('K'), i32(1), `(v128.store ${add(get('panel'), `(i32.shl ${get('k')} ${i32(4)})`)} (v128.load ${add(get('src'), `(i32.shl ${add(mul(get('k'), get('M')), get('i'))} ${i32(2)})`)}))`)}
          ${set('kStart', get('K'))})
        (else
          ${forLoop('k', get('k4'), i32(4), transpose4(rowQuad, (q, v) => `(v128.store offset=${q * 16} ${add(get('panel'), `(i32.shl ${get('k')} ${i32(4)})`)} ${v})`))}
          ${set('kStart', get('k4'))}))))
  ${forLoop(
    'r',
    i32(TILE_ROWS),
    i32(1),
    `${set('row', add(get('i'), get('r')))}
    ${forLoop('k', get('K'), i32(1), `(f32.store ${add(get('panel'), `(i32.shl ${add(`(i32.shl ${get('k')} ${i32(2)})`, get('r'))} ${i32(2)})`)} ${element})`, get('kStart'))}`,
  )}`,
  )})`;
}

export function packWat(): string {
  const index = `(if (result i32) ${get('trans')} (then ${add(mul(get('col'), get('K')), get('k'))}) (else ${add(mul(get('k'), get('N')), get('col'))}))`;
  const source = add(get('src'), `(i32.shl ${index} ${i32(2)})`);
  const element = `(if (result f32) (i32.lt_s ${get('col')} ${get('N')}) (then (f32.load ${source})) (else (f32.const 0)))`;
  return `${packAWat()}
(func (export "pack_b") (param $src i32) (param $dst i32) (param $K i32) (param $N i32) (param $trans i32)
  (local $j i32) (local $k i32) (local $c i32) (local $col i32) (local $panel i32) (local $from i32) (local $k4 i32) (local $kStart i32)
  ${TRANSPOSE_LOCALS}
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
      ${set('kStart', i32(0))}
      (if (i32.and ${get('trans')} (i32.le_s ${add(get('j'), i32(PANEL_COLUMNS))} ${get('N')}))
        (then
          ${transposedPanelQuads()}
          ${set('kStart', get('k4'))}))
      ${forLoop(
        'c',
        i32(PANEL_COLUMNS),
        i32(1),
        `${set('col', add(get('j'), get('c')))}
      ${forLoop('k', get('K'), i32(1), `(f32.store ${add(get('panel'), `(i32.shl ${add(`(i32.shl ${get('k')} ${i32(3)})`, get('c'))} ${i32(2)})`)} ${element})`, get('kStart'))}`,
      )}))`,
  )})
(func (export "pad_copy") (param $src i32) (param $dst i32) (param $n i32) (param $total i32)
  (memory.copy ${get('dst')} ${get('src')} (i32.shl ${get('n')} ${i32(2)}))
  (memory.fill ${add(get('dst'), `(i32.shl ${get('n')} ${i32(2)})`)} ${i32(0)} (i32.shl (i32.sub ${get('total')} ${get('n')}) ${i32(2)})))`;
}
