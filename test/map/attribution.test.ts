import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import '../helpers/property-seed.js';
import { attributionNodes, decodeEntities, parseAttribution } from '../../src/components/nf-map/attribution.js';

const OSM = 'https://www.openstreetmap.org/copyright';
const parts = (input: string) => parseAttribution(input).parts;

describe('parseAttribution', () => {
  it("reads the HTML form providers publish, the Markdown form and the default's", () => {
    const expected = [{ text: '© ' }, { text: 'OpenStreetMap', href: OSM }, { text: ' contributors' }];
    expect(parts(`&copy; <a href="${OSM}">OpenStreetMap</a> contributors`)).to.deep.equal(expected);
    expect(parts(`© [OpenStreetMap](${OSM}) contributors`)).to.deep.equal(expected);
    expect(parts(`&copy;\n  <a target="_blank" href='${OSM}' title="x">OpenStreetMap</a>\n contributors `)).to.deep.equal(expected);
  });

  it('reads several links, unquoted hrefs and entities in addresses', () => {
    expect(parts('<a href=https://a.example/>A</a> &amp; [B &amp; C](https://b.example/?x=1&amp;y=2) &mdash; &#169; &#xA9;')).to.deep.equal([
      { text: 'A', href: 'https://a.example/' },
      { text: ' & ' },
      { text: 'B & C', href: 'https://b.example/?x=1&y=2' },
      { text: ' — © ©' },
    ]);
  });

  it('keeps the text of every other tag and drops the tag', () => {
    expect(parts('Tiles <b>by</b> <span class="x">Example</span><br>Data <i>CC BY</i>')).to.deep.equal([{ text: 'Tiles by Example Data CC BY' }]);
    expect(parts('<a href="https://a.example/"><strong>Bold</strong> link</a>')).to.deep.equal([{ text: 'Bold link', href: 'https://a.example/' }]);
  });

  it('never makes a link of anything but http(s), and says which addresses it refused', () => {
    const hostile = parseAttribution(
      '<a href="javascript:alert(1)">one</a> <a href=" JaVaScRiPt:alert(2)">two</a> [three](javascript:alert(3)) <a href="data:text/html,x">four</a> <a href="/relative">five</a> <a href="&#106;avascript:alert(6)">six</a>',
    );
    expect(hostile.parts).to.deep.equal([{ text: 'one two three four five six' }]);
    expect(hostile.rejected).to.deep.equal([
      'javascript:alert(1)',
      'JaVaScRiPt:alert(2)',
      'javascript:alert(3)',
      'data:text/html,x',
      '/relative',
      '&#106;avascript:alert(6)',
    ]);
  });

  it('drops images, scripts, styles, comments and event handlers, keeping the surrounding text', () => {
    expect(parts('Maps <img src=x onerror="alert(1)"> by <script>alert(2)</script>Example<style>*{}</style><!-- note --> <svg onload=alert(3)>')).to.deep.equal(
      [{ text: 'Maps by Example' }],
    );
    expect(parts('<a href="https://a.example/" onclick="alert(1)">A</a>')).to.deep.equal([{ text: 'A', href: 'https://a.example/' }]);
  });

  it('reads unclosed tags and brackets the way a browser would show them', () => {
    expect(parts('<a href="https://a.example/">Example')).to.deep.equal([{ text: 'Example', href: 'https://a.example/' }]);
    expect(parts('Tiles <img src="x onerror=alert(1)')).to.deep.equal([{ text: 'Tiles' }]);
    expect(parts('Tiles <b unclosed')).to.deep.equal([{ text: 'Tiles' }]);
    expect(parts('1 < 2, [not a link] and [half](https://a.example')).to.deep.equal([{ text: '1 < 2, [not a link] and [half](https://a.example' }]);
    expect(parts('&unknown; &#0; &#x110000; &amp')).to.deep.equal([{ text: '&unknown; \ufffd \ufffd &amp' }]);
  });

  it('treats a link inside a link as text of the outer one, and drops links with no text', () => {
    expect(parts('<a href="https://a.example/">A [B](https://b.example/)</a>')).to.deep.equal([{ text: 'A B', href: 'https://a.example/' }]);
    expect(parts('x <a href="https://a.example/"> </a> y <a href="https://b.example/"></a>')).to.deep.equal([{ text: 'x y' }]);
  });

  it('reads hostile strings in time that grows in step with their length, not faster', () => {
    // Patterns that make a careless reader backtrack. The check compares the reader with itself
    // on 16× the text (a linear reader takes ~16× as long, a quadratic one ~256×), the fastest of
    // a few runs each, so a busy machine does not decide it: no fixed time limit.
    const patterns = ['<', '</', '<!', '<a href="', '[', '[a](', '<!--', '&', '<a href="https://a.example/">x', '<img src=x onerror=alert(1)>', '<script>x'];
    const fastest = (input: string) => {
      let best = Infinity;
      for (let run = 0; run < 5; run++) {
        const start = performance.now();
        for (let i = 0; i < 4; i++) parseAttribution(input);
        best = Math.min(best, performance.now() - start);
      }
      return best;
    };
    for (const pattern of patterns) {
      const small = pattern.repeat(Math.ceil(5000 / pattern.length));
      const large = small.repeat(16);
      const [t1, t16] = [fastest(small), fastest(large)];
      // Below a millisecond the clock's resolution decides the ratio: such readings are fast anyway.
      if (t16 > 2) expect(t16 / Math.max(t1, 0.25), `${pattern}: ${t1.toFixed(2)} ms, then ${t16.toFixed(2)} ms for 16× the text`).to.be.below(64);
      for (const part of parseAttribution(large).parts) if (part.href) expect(part.href).to.match(/^https:\/\//);
    }
    expect(parts('['.repeat(10000))).to.deep.equal([{ text: '['.repeat(10000) }]);
    expect(parts(`<img src=x onerror=alert(1)>`.repeat(350))).to.deep.equal([]);
  });

  it('for any input: links are http(s) only, and plain text comes back as written', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (input) => {
        for (const part of parseAttribution(input).parts) {
          if (part.href !== undefined) expect(new URL(part.href).protocol).to.be.oneOf(['http:', 'https:']);
          expect(part.text).not.to.equal('');
        }
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9.,©()]+( [A-Za-z0-9.,©()]+)*$/), (text) => {
        expect(parts(text)).to.deep.equal([{ text }]);
      }),
    );
  });
});

describe('decodeEntities', () => {
  it('decodes named and numeric entities and leaves unknown ones', () => {
    expect(decodeEntities('&lt;b&gt; &quot;&apos; &nbsp;&#8212;&#x1F600; &bogus;')).to.equal('<b> "\' \u00a0—😀 &bogus;');
  });
});

describe('attributionNodes', () => {
  it('builds text nodes and links that open a new tab without an opener or a Referer', () => {
    const box = document.createElement('div');
    box.append(...attributionNodes(parts(`&copy; <a href="${OSM}">OpenStreetMap</a> <img src=x onerror=alert(1)>contributors`)));
    expect(box.textContent).to.equal('© OpenStreetMap contributors');
    expect(box.querySelector('img')).to.equal(null);
    const link = box.querySelector('a')!;
    expect([link.href, link.rel, link.target, link.textContent]).to.deep.equal([OSM, 'noopener noreferrer', '_blank', 'OpenStreetMap']);
  });
});
