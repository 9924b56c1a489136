import { add, forLoop, get, i32, mul, set, times } from './wat';

/** Rows per register tile; columns per tile are 8 (two f32x4 vectors), the panel width `packB` writes. */
export const TILE_ROWS = 4;
export const PANEL_COLUMNS = 8;
const VECTORS = PANEL_COLUMNS / 4;

const multiplyAdd = (fma: boolean, a: string, b: string, c: string): string =>
  fma ? `(f32x4.relaxed_madd ${a} ${b} ${c})` : `(f32x4.add ${c} (f32x4.mul ${a} ${b}))`;
const lane = (v: string, l: number): string => `(i8x16.shuffle ${times(4, () => [0, 1, 2, 3].map((b) => l * 4 + b).join(' ')).replace(/\n/g, ' ')} ${v} ${v})`;
const acc = (r: number, v: number): string => `c${r}_${v}`;

/**
 * The register tile for `rows` rows of A and one 8-column panel of packed B: rows × 2 f32x4 accumulators over k,
 * then the epilogue (bias, ReLU) and the store. A is read in place: row-major (`transposed` false: row r at
 * A + (i + r)·K, one float per k) or stored transposed as K×M (`transposed` true: the tile's 4 values of one k are
 * one vector, broadcast lane by lane).
 */
function tile(rows: number, transposed: boolean, fma: boolean): string {
  const aPointers = transposed ? 1 : rows;
  const loadA = (r: number): string =>
    transposed ? (rows === 1 ? `(v128.load32_splat ${get('p0')})` : lane(get('av'), r)) : `(v128.load32_splat ${get(`p${r}`)})`;
  const aStart = (r: number): string =>
    transposed ? add(get('A'), `(i32.shl ${get('i')} ${i32(2)})`) : add(get('A'), mul(add(get('i'), i32(r)), get('lda')));
  const kStep = times(aPointers, (r) => set(`p${r}`, add(get(`p${r}`), transposed ? get('lda') : i32(4))));
  const epilogue = (r: number, v: number): string =>
    set(acc(r, v), `(f32x4.add ${get(acc(r, v))} ${get(`bias${v}`)})`) + `\n(if ${get('relu')} (then ${set(acc(r, v), `(f32x4.max ${get(acc(r, v))} (v128.const i32x4 0 0 0 0))`)}))`;
  const rowAddress = (r: number): string => add(get('C'), mul(add(get('i'), i32(r)), get('ldc')));
  const store = (r: number): string => `(if (i32.eq ${get('cols')} ${i32(PANEL_COLUMNS)})
  (then ${times(VECTORS, (v) => `(v128.store offset=${v * 16} (i32.add ${rowAddress(r)} ${get('jBytes')}) ${get(acc(r, v))})`)})
  (else ${times(VECTORS, (v) => `(v128.store offset=${v * 16} ${get('tile')} ${get(acc(r, v))})`)}
    (memory.copy (i32.add ${rowAddress(r)} ${get('jBytes')}) ${get('tile')} (i32.shl ${get('cols')} ${i32(2)}))))`;
  return `${times(rows, (r) => times(VECTORS, (v) => set(acc(r, v), '(v128.const i32x4 0 0 0 0)')))}
${times(aPointers, (r) => set(`p${r}`, aStart(r)))}
${set('b', get('panel'))}
${set('k', get('K'))}
(block $k_done (loop $k_loop
  (br_if $k_done (i32.eqz ${get('k')}))
  ${times(VECTORS, (v) => set(`b${v}`, `(v128.load offset=${v * 16} ${get('b')})`))}
  ${transposed && rows > 1 ? set('av', `(v128.load ${get('p0')})`) : ''}
  ${times(rows, (r) => `${set('as', loadA(r))}
  ${times(VECTORS, (v) => set(acc(r, v), multiplyAdd(fma, get('as'), get(`b${v}`), get(acc(r, v)))))}`)}
  ${kStep}
  ${set('b', add(get('b'), i32(PANEL_COLUMNS * 4)))}
  ${set('k', `(i32.sub ${get('k')} ${i32(1)})`)}
  (br $k_loop)))
${times(rows, (r) => times(VECTORS, (v) => epilogue(r, v)))}
${times(rows, store)}`;
}

/**
 * C (M×N, row-major) = A · B (+ bias, then ReLU if asked), with B packed into 8-column panels by `pack_b` and the
 * bias (if any) padded to a whole panel. `lda` is in bytes: K·4 for a row-major A, M·4 for A stored transposed.
 * Each panel of B (K×8 floats) stays in L1 while every row tile of A streams past it.
 */
export function gemmWat(name: string, transposed: boolean, fma: boolean): string {
  const locals = [
    ...['i', 'j', 'k', 'b', 'panel', 'lda', 'ldc', 'jBytes', 'cols', 'mTiles', 'p0', 'p1', 'p2', 'p3'].map((n) => `(local $${n} i32)`),
    ...['av', 'as', 'b0', 'b1', 'bias0', 'bias1'].map((n) => `(local $${n} v128)`),
    ...Array.from({ length: TILE_ROWS * VECTORS }, (_, q) => `(local $${acc(Math.floor(q / VECTORS), q % VECTORS)} v128)`),
  ];
  return `(func (export "${name}") (param $A i32) (param $Bp i32) (param $C i32) (param $M i32) (param $N i32) (param $K i32)
  (param $bias i32) (param $relu i32) (param $tile i32)
  ${locals.join(' ')}
  ${set('lda', `(i32.shl ${transposed ? get('M') : get('K')} ${i32(2)})`)}
  ${set('ldc', `(i32.shl ${get('N')} ${i32(2)})`)}
  ${set('mTiles', `(i32.and ${get('M')} ${i32(-TILE_ROWS)})`)}
  ${forLoop(
    'j',
    get('N'),
    i32(PANEL_COLUMNS),
    `${set('jBytes', `(i32.shl ${get('j')} ${i32(2)})`)}
  ${set('panel', add(get('Bp'), mul(get('j'), `(i32.shl ${get('K')} ${i32(2)})`)))}
  ${set('cols', `(select (i32.sub ${get('N')} ${get('j')}) ${i32(PANEL_COLUMNS)} (i32.lt_s (i32.sub ${get('N')} ${get('j')}) ${i32(PANEL_COLUMNS)}))`)}
  (if ${get('bias')}
    (then ${times(VECTORS, (v) => set(`bias${v}`, `(v128.load offset=${v * 16} (i32.add ${get('bias')} ${get('jBytes')}))`))})
    (else ${times(VECTORS, (v) => set(`bias${v}`, '(v128.const i32x4 0 0 0 0)'))}))
  ${forLoop('i', get('mTiles'), i32(TILE_ROWS), tile(TILE_ROWS, transposed, fma))}
  ${forLoop('i', get('M'), i32(1), tile(1, transposed, fma), get('mTiles'))}`,
  )})`;
}
