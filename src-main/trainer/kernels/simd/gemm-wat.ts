import { add, forLoop, get, i32, mul, set, times } from './wat';

/** Rows per register tile (the panel height `pack_a` writes); columns per tile: 8, the panel width `pack_b` writes. */
export const TILE_ROWS = 4;
export const PANEL_COLUMNS = 8;
const VECTORS = PANEL_COLUMNS / 4;

const multiplyAdd = (fma: boolean, a: string, b: string, c: string): string =>
  fma ? `(f32x4.relaxed_madd ${a} ${b} ${c})` : `(f32x4.add ${c} (f32x4.mul ${a} ${b}))`;
const acc = (r: number, v: number): string => `c${r}_${v}`;

/**
 * The register tile: 4 rows of A (one packed panel, 4 floats per k) × one 8-column panel of packed B, in 4 × 2 f32x4
 * accumulators over k (one pointer each, so the loop is loads and multiply-adds), then the epilogue (bias, ReLU)
 * and the store of the rows and columns that exist.
 */
function tile(fma: boolean): string {
  const epilogue = (r: number, v: number): string =>
    set(acc(r, v), `(f32x4.add ${get(acc(r, v))} ${get(`bias${v}`)})`) + `\n(if ${get('relu')} (then ${set(acc(r, v), `(f32x4.max ${get(acc(r, v))} (v128.const i32x4 0 0 0 0))`)}))`;
  const rowAddress = (r: number): string => add(add(get('C'), mul(add(get('i'), i32(r)), get('ldc'))), get('jBytes'));
  const store = (r: number): string => `(if (i32.lt_s ${add(get('i'), i32(r))} ${get('M')}) (then
  (if (i32.eq ${get('cols')} ${i32(PANEL_COLUMNS)})
    (then ${times(VECTORS, (v) => `(v128.store offset=${v * 16} ${rowAddress(r)} ${get(acc(r, v))})`)})
    (else ${times(VECTORS, (v) => `(v128.store offset=${v * 16} ${get('tile')} ${get(acc(r, v))})`)}
      (memory.copy ${rowAddress(r)} ${get('tile')} (i32.shl ${get('cols')} ${i32(2)}))))))`;
  return `${times(TILE_ROWS, (r) => times(VECTORS, (v) => set(acc(r, v), '(v128.const i32x4 0 0 0 0)')))}
${set('a', add(get('Ap'), mul(get('i'), `(i32.shl ${get('K')} ${i32(2)})`)))}
${set('b', get('panel'))}
${set('k', get('K'))}
(block $k_done (loop $k_loop
  (br_if $k_done (i32.eqz ${get('k')}))
  ${times(VECTORS, (v) => set(`b${v}`, `(v128.load offset=${v * 16} ${get('b')})`))}
  ${times(TILE_ROWS, (r) => `${set('as', `(v128.load32_splat offset=${r * 4} ${get('a')})`)}\n  ${times(VECTORS, (v) => set(acc(r, v), multiplyAdd(fma, get('as'), get(`b${v}`), get(acc(r, v)))))}`)}
  ${set('a', add(get('a'), i32(TILE_ROWS * 4)))}
  ${set('b', add(get('b'), i32(PANEL_COLUMNS * 4)))}
  ${set('k', `(i32.sub ${get('k')} ${i32(1)})`)}
  (br $k_loop)))
${times(TILE_ROWS, (r) => times(VECTORS, (v) => epilogue(r, v)))}
${times(TILE_ROWS, store)}`;
}

/**
 * C (M×N, row-major) = A · B (+ bias, then ReLU if asked), with A packed into 4-row panels by `pack_a`, B into
 * 8-column panels by `pack_b` (both zero-padded) and the bias (if any) padded to a whole panel. Each panel of B
 * (K×8 floats) stays in L1 while every row panel of A streams past it.
 */
export function gemmWat(fma: boolean): string {
  const locals = [
    ...['i', 'j', 'k', 'a', 'b', 'panel', 'ldc', 'jBytes', 'cols'].map((n) => `(local $${n} i32)`),
    ...['as', 'b0', 'b1', 'bias0', 'bias1'].map((n) => `(local $${n} v128)`),
    ...Array.from({ length: TILE_ROWS * VECTORS }, (_, q) => `(local $${acc(Math.floor(q / VECTORS), q % VECTORS)} v128)`),
  ];
  return `(func (export "gemm") (param $Ap i32) (param $Bp i32) (param $C i32) (param $M i32) (param $N i32) (param $K i32)
  (param $bias i32) (param $relu i32) (param $tile i32)
  ${locals.join(' ')}
  ${set('ldc', `(i32.shl ${get('N')} ${i32(2)})`)}
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
  ${forLoop('i', get('M'), i32(TILE_ROWS), tile(fma))}`,
  )})`;
}
