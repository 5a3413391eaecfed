import { describe } from 'vitest';
import { attributesBy } from '../cases.js';

describe('rule label-colon: `Name: "…"`', () => {
  attributesBy('label-colon', [
    [['Dana Pike: "The budget is a plan built on sand and hope."'], 'Dana Pike'],
    [['The mayor posted twice. Otto Kral: "Stay home and stay safe tonight, everyone."'], 'Otto Kral'],
    // a newsletter line: a headline, a spaced hyphen (a dash) and the label; "agree" is no verb here
    [['Pollsters agree - Ann Roe: "Keep on calling voters as late as you can."'], 'Ann Roe'],
    [
      ['TURNOUT FELL IN EVERY COUNTY - Otto Kral: "Fewer people voted than in any year since 1990."'],
      'Otto Kral',
    ],
  ]);
});
