/** Tiny helpers for writing WebAssembly text: local reads and writes, repeated lines. */
export const get = (name: string): string => `(local.get $${name})`;
export const set = (name: string, value: string): string => `(local.set $${name} ${value})`;
export const i32 = (n: number): string => `(i32.const ${n})`;
export const add = (a: string, b: string): string => `(i32.add ${a} ${b})`;
export const mul = (a: string, b: string): string => `(i32.mul ${a} ${b})`;
export const times = (n: number, line: (i: number) => string): string => Array.from({ length: n }, (_, i) => line(i)).join('\n');
/** `for (name = 0; name < limit; name += step) body` as a block/loop pair. */
export function forLoop(name: string, limit: string, step: string, body: string, start = i32(0)): string {
  return `${set(name, start)}
(block $${name}_done (loop $${name}_loop
  (br_if $${name}_done (i32.ge_s ${get(name)} ${limit}))
  ${body}
  ${set(name, add(get(name), step))}
  (br $${name}_loop)))`;
}
