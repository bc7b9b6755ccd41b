import { describe, expect, it } from 'vitest';
import { ofKind, one } from './helpers';

describe('money', () => {
  it('currency names after the figure, with the conversion in brackets as a second amount sharing the subject', () => {
    const found = ofKind('He was ordered to pay an 80,000 somoni ($8,500) fine.', 'money');
    expect(found.map((c) => [c.quote, c.value, c.subject])).toEqual([
      ['80,000 somoni', { amount: 80000, currency: 'TJS' }, 'fine'],
      ['$8,500', { amount: 8500, currency: 'USD' }, 'fine'],
    ]);
  });

  it.each([
    ['The council approved a €2.3bn budget.', { amount: 2.3e9, currency: 'EUR' }, 'budget'],
    ['Bail was set at £50,000.', { amount: 50000, currency: 'GBP' }, 'bail'],
    ['He earned ₽120,000 a month in salary.', { amount: 120000, currency: 'RUB' }, 'salary'],
    ['a fine of TJS 15,000', { amount: 15000, currency: 'TJS' }, 'fine'],
    ['paid 500 USD in fees', { amount: 500, currency: 'USD' }, 'fee'],
    ['The court awarded 1.5 million euros in damages.', { amount: 1.5e6, currency: 'EUR' }, 'damages'],
    ['a ransom of five million dollars', { amount: 5e6, currency: 'USD' }, 'ransom'],
    ['fined 40,000 Russian rubles', { amount: 40000, currency: 'RUB' }, 'fine'],
    ['a US$5m loan', { amount: 5e6, currency: 'USD' }, 'loan'],
    ['costs 75 cents', { amount: 0.75, currency: 'USD' }, 'cost'],
    ['a 1,000-rouble penalty', { amount: 1000, currency: 'RUB' }, 'penalty'],
    ['The city won a $1.5-million grant.', { amount: 1.5e6, currency: 'USD' }, 'grant'],
    ['A fine of 20 000 rubles was imposed.', { amount: 20000, currency: 'RUB' }, 'fine'],
    ['owner gets 12 years for $38M Medicare fraud', { amount: 38e6, currency: 'USD' }, undefined],
    ['He was ordered to pay a fine of Sh50,000.', { amount: 50000, currency: 'KES' }, 'fine'],
    ['The state budget for 2020 is 24.6 trillion soums.', { amount: 24.6e12, currency: 'UZS' }, 'budget'],
  ])('%s', (text, value, subject) => {
    const c = one(text, 'money');
    expect(c.value).toEqual(value);
    expect(c.subject).toBe(subject);
  });

  it('ranges with the scale written once; a repeated currency makes two amounts', () => {
    expect(one('damages of $5-10 million', 'money').value).toEqual({ min: 5e6, max: 1e7, currency: 'USD' });
    expect(ofKind('He demanded Rs 5,000 to Rs 20,000 for every consignment.', 'money').map((c) => c.value)).toEqual([
      { amount: 5000, currency: 'INR' },
      { amount: 20000, currency: 'INR' },
    ]);
  });

  it('keeps hedges and bounds', () => {
    expect(one('about $2.3 million', 'money')).toMatchObject({ quote: 'about $2.3 million', approximate: true });
    expect(one('more than €1.2 million', 'money')).toMatchObject({ bound: 'at_least' });
    expect(one('up to 300,000 tenge', 'money')).toMatchObject({ bound: 'at_most', value: { amount: 300000, currency: 'KZT' } });
  });

  it('is not fooled by weights, bare numbers or words', () => {
    expect(ofKind('The parcel held 200 pounds of cocaine.', 'money')).toEqual([]);
    expect(ofKind('He scored 45 points and won 3 games.', 'money')).toEqual([]);
    expect(ofKind('Money cannot buy happiness, he said.', 'money')).toEqual([]);
    expect(ofKind('We could try 5 times.', 'money')).toEqual([]);
  });
});

describe('"over" after a sanction or dispute means "because of"', () => {
  it('no bound', () => {
    const c = one('Adviser jailed for nine years over A$14.6m retirement fraud', 'money');
    expect(c).toMatchObject({ quote: 'A$14.6m', value: { amount: 14600000, currency: 'AUD' } });
    expect(c.bound).toBeUndefined();
    expect(one('The firm was sued over $2m debts.', 'money').bound).toBeUndefined();
  });
  it('still a bound when it says "more than"', () => {
    expect(one('He was fined over $5,000 for speeding.', 'money').bound).toBe('at_least');
    expect(one('They took over $38 million from clients.', 'money').bound).toBe('at_least');
    expect(one('Rivals clashed over $3 billion in subsidies.', 'money').bound).toBe('at_least');
  });
});
