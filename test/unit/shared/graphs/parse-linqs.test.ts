import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../src-shared/datasets/rng';
import { isLinqsFolder, parseLinqs } from '../../../../src-shared/graphs/parse-linqs';

const tsv = (rows: (string | number)[][]): string => rows.map((row) => row.join('\t')).join('\n') + '\n';

const content = tsv([
  [31336, 0, 1, 0, 1, 'Neural_Networks'],
  [1061127, 1, 0, 0, 0, 'Rule_Learning'],
  [1106406, 0, 0, 1, 0, 'Reinforcement_Learning'],
  [13195, 0, 1, 1, 0, 'Neural_Networks'],
]);

describe('parseLinqs', () => {
  it('reads a tiny Cora: features, labels, ids, and the citations it drops', () => {
    const cites = tsv([
      [31336, 1061127],
      [1061127, 31336], // the same citation the other way
      [13195, 31336],
      [1106406, 1106406], // a self-citation
      [99999, 13195], // a paper .content does not list
      [1106406, 13195],
      [88888, 77777],
      [42],
    ]);
    const { graph, report } = parseLinqs(content, cites);
    expect(graph.nodeIds).toEqual(['31336', '1061127', '1106406', '13195']);
    expect(Array.from(graph.rowPtr)).toEqual([0, 2, 3, 4, 6]);
    expect(Array.from(graph.colIdx)).toEqual([1, 3, 0, 3, 0, 2]);
    expect(graph.features!.count).toBe(4);
    expect(Array.from(graph.features!.values)).toEqual([0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0]);
    expect(graph.labels!.classes).toEqual(['Neural_Networks', 'Rule_Learning', 'Reinforcement_Learning']);
    expect(Array.from(graph.labels!.values)).toEqual([0, 1, 2, 0]);
    expect(report).toEqual({
      papers: 4,
      features: 4,
      classes: 3,
      citations: 7,
      edges: 3,
      selfCitations: 1,
      duplicates: 1,
      droppedCitations: 2,
      unknownPapers: 3,
      skipped: [{ line: 8, reason: '1 field(s): a citation is two paper ids, cited and citing' }],
    });
  });

  it('reads space-separated files and leaves out ids that are the node indices', () => {
    const { graph } = parseLinqs('0 1 0 a\n1 0 1 b\n', '0 1\n');
    expect(graph.nodeIds).toBeUndefined();
    expect(graph.edgeCount).toBe(1);
  });

  const refused: [string, string, string, string | RegExp][] = [
    ['an empty .content', '\n', '1 2\n', /^the \.content file lists no papers/],
    ['a paper without features', '1 a\n', '', 'the .content file, line 1: 2 field(s): a paper needs its id, its features and its class label'],
    ['a paper with fewer features', '1 0 1 a\n\n2 1 a\n', '', 'the .content file, line 3: 1 feature(s) where line 1 has 2'],
    ['a paper listed twice', '1 0 a\n2 1 a\n1 1 b\n', '', 'the .content file, line 3: paper "1" is listed again (first on line 1)'],
    ['a feature that is not a number', '1 0 a\n2 x a\n', '', 'the .content file, line 2, feature 1: "x" is not a number'],
    ['citations joining no two papers', '1 0 a\n2 1 a\n', '1 1\n1 3\n', 'the .cites file joins no two papers of the .content file: 2 citation(s), 1 naming unknown papers, 1 self-citation(s)'],
  ];
  it.each(refused)('refuses %s', (_name, contentText, citesText, error) => {
    expect(() => parseLinqs(contentText, citesText)).toThrow(error);
  });

  it('reads a Cora-sized pair (2,708 papers, 1,433 features, 5,429 citations) quickly', () => {
    const random = mulberry32(2708);
    const papers = 2708;
    const features = 1433;
    const ids = Array.from({ length: papers }, (_, i) => String(1000 + 37 * i));
    const lines: string[] = [];
    let ones = 0;
    const row = new Array<string>(features);
    for (let p = 0; p < papers; p++) {
      for (let f = 0; f < features; f++) row[f] = random() < 0.0127 ? '1' : '0'; // Cora: about 18 words a paper
      ones += row.filter((v) => v === '1').length;
      lines.push(`${ids[p]}\t${row.join('\t')}\tclass_${p % 7}`);
    }
    const citeLines: string[] = [];
    const pairs = new Set<string>();
    let selfCitations = 0;
    for (let c = 0; c < 5429; c++) {
      const a = Math.floor(random() * papers);
      const b = Math.floor(random() * papers);
      citeLines.push(`${ids[a]}\t${ids[b]}`);
      if (a === b) selfCitations++;
      else pairs.add(a < b ? `${a} ${b}` : `${b} ${a}`);
    }
    citeLines.push('5\t1000', '1000\t6'); // two citations of papers not in .content

    const started = performance.now();
    const { graph, report } = parseLinqs(lines.join('\n'), citeLines.join('\n'));
    const seconds = (performance.now() - started) / 1000;

    expect(report).toMatchObject({ papers, features, classes: 7, citations: 5431, edges: pairs.size, selfCitations, droppedCitations: 2, unknownPapers: 2 });
    expect(report.duplicates).toBe(5429 - selfCitations - pairs.size);
    expect(graph.colIdx.length).toBe(2 * pairs.size);
    expect(graph.features!.values.reduce((sum, v) => sum + v, 0)).toBe(ones);
    expect(graph.labels!.values[2707]).toBe(2707 % 7);
    expect(seconds).toBeLessThan(5); // the parse takes about 0.25 s on a 2-core build machine: the margin is for busy ones
  });
});

describe('isLinqsFolder', () => {
  it('names the dataset of a folder holding exactly one .content and .cites pair', () => {
    expect(isLinqsFolder(['README', 'cora.cites', 'cora.content'])).toBe('cora');
    expect(isLinqsFolder(['cora.content', 'citeseer.cites'])).toBeNull();
    expect(isLinqsFolder(['a.content', 'a.cites', 'b.content', 'b.cites'])).toBeNull();
    expect(isLinqsFolder(['cora.content'])).toBeNull();
    expect(isLinqsFolder(['.content', '.cites'])).toBeNull();
  });
});
