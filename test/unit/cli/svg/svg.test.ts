import { escapeXml, heatmap, histogram } from '../../../../src/cli/svg';
import { crc32 } from '../../../../src/cli/svg/png';
import { InputValidationError } from '../../../../src/core/errors';

describe('histogram', () => {
  it('draws one bar per outcome, heights proportional to counts, keys escaped', () => {
    const svg = histogram({ '11': 50, '00': 100, '<&>': 25 });
    const bars = [...svg.matchAll(/<rect class="bar" x="[\d.]+" y="([\d.]+)" width="\d+" height="([\d.]+)"/g)];
    expect(bars).toHaveLength(3);
    // key order: '00', '11', '<&>' (string order); the 100-count bar is the full 240 px
    expect(bars.map((m) => Number(m[2]))).toEqual([240, 120, 60]);
    expect(svg).toContain('&lt;&amp;&gt;');
    expect(svg).not.toContain('<&>');
    expect(svg).toContain('<title>Counts (175 shots)</title>');
  });

  it('sorts by count on request and folds the tail into "other"', () => {
    const counts = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i.toString(2).padStart(4, '0'), i + 1]));
    const svg = histogram(counts, { topK: 3, sort: 'count' });
    expect(svg.match(/class="bar"/g)).toHaveLength(3);
    expect(svg.match(/class="other"/g)).toHaveLength(1);
    expect(svg).toContain('<title>other (7 outcomes): 28</title>'); // 1+2+…+7
  });

  it('rejects empty and invalid counts', () => {
    expect(() => histogram({})).toThrow(InputValidationError);
    expect(() => histogram({ a: -1 })).toThrow(InputValidationError);
  });
});

describe('heatmap', () => {
  it('draws rows×cols cells coloured from white (min) to purple (max)', () => {
    const svg = heatmap([[0, 0.5], [0.5, 1]]);
    const cells = [...svg.matchAll(/<rect class="cell"[^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]);
    expect(cells).toEqual(['#ffffff', cells[1], cells[1], '#6929c4']);
    expect(cells[1]).not.toBe('#ffffff');
  });

  it('rejects ragged, empty and non-finite matrices', () => {
    expect(() => heatmap([])).toThrow(InputValidationError);
    expect(() => heatmap([[1, 2], [3]])).toThrow(InputValidationError);
    expect(() => heatmap([[Number.NaN]])).toThrow(InputValidationError);
  });
});

it('escapeXml escapes the five XML specials', () => {
  expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
});

it('crc32 matches the standard check value (CRC-32/ISO-HDLC of "123456789" is 0xCBF43926)', () => {
  expect(crc32(Buffer.from('123456789', 'ascii'))).toBe(0xcbf43926);
});
