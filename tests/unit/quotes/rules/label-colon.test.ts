import { describe } from 'vitest';
import { attributesBy } from '../cases.js';

describe('rule label-colon: `Name: "…"`', () => {
  attributesBy('label-colon', [
    [['Dana Pike: "The budget is a plan built on sand and hope."'], 'Dana Pike'],
    [['The mayor posted twice. Otto Kral: "Stay home and stay safe tonight, everyone."'], 'Otto Kral'],
  ]);
});
