import { add, forLoop, get, i32, mul } from './wat';

/**
 * Row copies for batching: `gather_rows` copies rows idx[0..count) of a row-major source (rowBytes each) to
 * consecutive rows of dst — a minibatch from a shuffled order; `copy_bytes` copies one contiguous block (a slice).
 */
export function copyWat(): string {
  return `(func (export "gather_rows") (param $src i32) (param $idx i32) (param $count i32) (param $rowBytes i32) (param $dst i32)
  (local $r i32)
  ${forLoop(
    'r',
    get('count'),
    i32(1),
    `(memory.copy ${add(get('dst'), mul(get('r'), get('rowBytes')))} ${add(get('src'), mul(`(i32.load ${add(get('idx'), `(i32.shl ${get('r')} ${i32(2)})`)})`, get('rowBytes')))} ${get('rowBytes')})`,
  )})
(func (export "copy_bytes") (param $dst i32) (param $src i32) (param $n i32)
  (memory.copy ${get('dst')} ${get('src')} ${get('n')}))
`;
}
