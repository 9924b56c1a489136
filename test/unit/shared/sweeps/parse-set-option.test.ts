import { describe, expect, it } from 'vitest';
import { parseSetOption } from '../../../../src-shared/sweeps/parse-set-option';
import { sweepParameterSchema } from '../../../../src-shared/sweeps/sweep-spec';

describe('parseSetOption', () => {
  it.each([
    ['objective.beta=0.5,1,2,4', 'objective.beta', { values: [0.5, 1, 2, 4] }],
    ['objective.beta=0.5', 'objective.beta', { values: [0.5] }],
    ['training.learningRate=1e-3, 3e-4 ,-2', 'training.learningRate', { values: [1e-3, 3e-4, -2] }],
    ['model.likelihood=bernoulli,gaussian', 'model.likelihood', { values: ['bernoulli', 'gaussian'] }],
    ['flag=true,false', 'flag', { values: [true, false] }],
    ['model.latentDim=0x10,Infinity,8', 'model.latentDim', { values: ['0x10', 'Infinity', 8] }],
    ['training.learningRate=log:1e-4:1e-2:5', 'training.learningRate', { min: 1e-4, max: 1e-2, steps: 5, scale: 'log' }],
    ['objective.beta=lin:0:4:5', 'objective.beta', { min: 0, max: 4, steps: 5, scale: 'linear' }],
    ['objective.beta=LIN:-1:.5:3', 'objective.beta', { min: -1, max: 0.5, steps: 3, scale: 'linear' }],
    ['training.learningRate=log:1e-4:1e-2', 'training.learningRate', { min: 1e-4, max: 1e-2, scale: 'log' }],
  ])('%s', (text, path, parameter) => {
    const [parsedPath, parsed] = parseSetOption(text);
    expect(parsedPath).toBe(path);
    expect(parsed).toEqual(parameter);
    // What it returns is a sweep parameter as the sweep spec defines it.
    expect(sweepParameterSchema.parse(parsed)).toEqual(parameter);
  });

  /** Malformed options and the error each must give, quoting the option (Netron-style table). */
  it.each([
    ['objective.beta', /^--set objective\.beta: expected FIELD=VALUES, e\.g\. objective\.beta=0\.5,1,2,4/],
    ['=1,2', /^--set =1,2: '' is not a field path/],
    ['objective..beta=1', /^--set objective\.\.beta=1: 'objective\.\.beta' is not a field path/],
    ['objective.beta=', /^--set objective\.beta=: no values after '='/],
    ['objective.beta=1,,2', /^--set objective\.beta=1,,2: an empty value in the list/],
    ['objective.beta=0.5,', /an empty value in the list/],
    ['objective.beta=lin:0', /^--set objective\.beta=lin:0: expected lin:MIN:MAX or lin:MIN:MAX:STEPS/],
    ['objective.beta=lin:0:4:5:6', /expected lin:MIN:MAX or lin:MIN:MAX:STEPS/],
    ['objective.beta=lin:zero:4:5', /MIN 'zero' is not a number/],
    ['objective.beta=lin:0:four', /MAX 'four' is not a number/],
    ['objective.beta=lin:0:4:2.5', /STEPS '2\.5' is not a whole number ≥ 1/],
    ['objective.beta=lin:0:4:0', /STEPS '0' is not a whole number ≥ 1/],
    ['training.learningRate=log:0:1e-2:5', /^--set training\.learningRate=log:0:1e-2:5: a log range needs MIN and MAX above 0/],
  ])('refuses %s', (text, message) => {
    expect(() => parseSetOption(text)).toThrow(message);
  });
});
