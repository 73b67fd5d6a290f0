import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/core/types';
import { parseMarkdown } from '../../src/markdown/parse';
import { parseInline } from '../../src/markdown/inline';
import { parseStreaming, type StreamCache } from '../../src/markdown/streaming';
import { safeImageUrl, safeLinkUrl } from '../../src/markdown/url';

// The parser returns Preact nodes; these tests compare them rendered to HTML
// (like innerHTML: text escaped, attributes in prop order, components called).
const VOID = new Set(['br', 'hr', 'img']);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
function html(n: unknown): string {
  if (n == null || typeof n == 'boolean') return '';
  if (Array.isArray(n)) return n.map(html).join('');
  if (typeof n != 'object') return esc(String(n));
  const { type, props } = n as VNode<any>;
  if (typeof type == 'function') return html((type as (p: unknown) => unknown)(props));
  const { children, ...rest } = props;
  const attrs = Object.entries(rest)
    .filter(([, v]) => v != null)
    .map(([k, v]) => ` ${k}="${esc(String(v)).replace(/"/g, '&quot;')}"`)
    .join('');
  return `<${type}${attrs}>` + (VOID.has(type as string) ? '' : `${html(children)}</${type}>`);
}

const el = (tag: string, attrs = '') => (...children: string[]) => `<${tag}${attrs}>${children.join('')}</${tag}>`;
const t = esc;
const p = el('p');
const a = (href: string, ...children: string[]) => el('a', ` href="${href}" target="_blank" rel="noopener noreferrer"`)(...children);
const strong = el('strong');
const em = el('em');
const code = (text: string) => el('code')(esc(text));
const img = (src: string, alt: string) => `<img src="${src}" alt="${alt}" loading="lazy" referrerpolicy="no-referrer">`;
const br = '<br>';
const heading = (level: number, ...children: string[]) =>
  el('p', ` class="td-h" role="heading" aria-level="${Math.min(level + 2, 6)}"`)(...children);
const pre = (text: string) => `<pre>${code(text)}</pre>`;
const hr = '<hr>';
/** A tight list (an `ol` says its start number, also 1): its items' paragraphs show their text directly. */
const list = (tag: 'ul' | 'ol', start: number, ...items: string[][]) =>
  el(tag, tag == 'ol' ? ` start="${start}"` : '')(
    ...items.map((it) => el('li')(...it.map((x) => (x.startsWith('<p>') ? x.slice(3, -4) : x)))),
  );
/** A loose list: its items hold paragraphs. */
const loose = (tag: 'ul' | 'ol', start: number, ...items: string[][]) =>
  el(tag, tag == 'ol' ? ` start="${start}"` : '')(...items.map((it) => el('li')(...it)));
const ul = (...items: string[][]) => list('ul', 1, ...items);
const quote = el('blockquote');
const del = el('del');
const auto = (href: string, text = href) => a(href, t(text));
/** A card as this file's expected HTML draws it: image and price always present. */
type FullCard = Card & { imageUrl: string; price: string };
const cards = (...cs: FullCard[]) =>
  el('ul', ' class="td-cards"')(
    ...cs.map((c) =>
      el('li', ' class="td-card"')(
        `<img class="td-card-img" src="${c.imageUrl}" alt="" loading="lazy" referrerpolicy="no-referrer">`,
        el('a', ` class="td-card-title" href="${c.url}" target="_blank" rel="noopener noreferrer"`)(t(c.title)),
        el('span', ' class="td-card-price"')(t(c.price)),
        c.subtitle ? el('span', ' class="td-card-sub"')(t(c.subtitle)) : '',
      ),
    ),
  );
const md = (src: string) => html(parseMarkdown(src));

describe('url allow-lists', () => {
  it.each([
    ['https://tradezone.sg/p/xm5', 'https://tradezone.sg/p/xm5'],
    ['  https://tradezone.sg  ', 'https://tradezone.sg/'],
    ['HTTPS://TradeZone.SG/A', 'https://tradezone.sg/A'],
    ['http://example.com/a?b=c#d', 'http://example.com/a?b=c#d'],
    ['mailto:help@tradezone.sg', 'mailto:help@tradezone.sg'],
    ['tel:+6561234567', 'tel:+6561234567'],
    // the scheme it starts with is the scheme it keeps
    ['HTTPS:tradezone.sg/p', 'https://tradezone.sg/p'],
    ['https:javascript:alert(1)', null],
    ['tel:javascript:alert(1)', 'tel:javascript:alert(1)'],
    ['javascript:alert(1)', null],
    ['JaVaScRiPt:alert(1)', null],
    [' javascript:alert(1)', null],
    ['java\tscript:alert(1)', null],
    ['java\nscript:alert(1)', null],
    ['\x01javascript:alert(1)', null],
    ['java\u200bscript:alert(1)', null],
    ['ht\ttps://example.com', null],
    ['java&#x09;script:alert(1)', null],
    ['&#106;avascript:alert(1)', null],
    ['vbscript:msgbox(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['file:///etc/passwd', null],
    ['ftp://example.com', null],
    ['/relative/path', null],
    ['//evil.example/x', null],
    ['relative', null],
    ['', null],
    [undefined, null],
    [42, null],
  ])('safeLinkUrl(%j) = %j', (raw, want) => {
    expect(safeLinkUrl(raw)).toBe(want);
  });

  const png = 'data:image/png;base64,iVBORw0KGgo=';
  it.each([
    ['https://tradezone.sg/i/x.jpg', undefined, 'https://tradezone.sg/i/x.jpg'],
    ['http://tradezone.sg/i/x.jpg', undefined, null],
    // Plain http only from this machine (a local backend, the offline demo).
    ['http://localhost:5173/demo-img/ps5.svg', undefined, 'http://localhost:5173/demo-img/ps5.svg'],
    ['http://127.0.0.1:8080/x.jpg', undefined, 'http://127.0.0.1:8080/x.jpg'],
    ['http://[::1]/x.jpg', undefined, 'http://[::1]/x.jpg'],
    ['http://localhost.evil.example/x.jpg', undefined, null],
    ['http://localhost@evil.example/x.jpg', undefined, null],
    ['http://127.0.0.2/x.jpg', undefined, null],
    ['javascript:alert(1)', undefined, null],
    [png, undefined, null],
    [png, { allowData: true }, png],
    ['data:image/jpeg;base64,/9j/4AAQ', { allowData: true }, 'data:image/jpeg;base64,/9j/4AAQ'],
    ['data:image/svg+xml;base64,PHN2Zz4=', { allowData: true }, null],
    ['data:text/html;base64,PHNjcmlwdD4=', { allowData: true }, null],
    ['data:image/png,rawnotbase64', { allowData: true }, null],
    ['data:image/png;base64,AAAA" onerror="x', { allowData: true }, null],
    ['mailto:a@b.c', undefined, null],
  ])('safeImageUrl(%j, %j) = %j', (raw, opts, want) => {
    expect(safeImageUrl(raw, opts)).toBe(want);
  });
});

describe('inline constructs', () => {
  it.each<[string, string[]]>([
    ['plain text', [t('plain text')]],
    ['**bold**', [strong(t('bold'))]],
    ['__bold__', [strong(t('bold'))]],
    ['*em*', [em(t('em'))]],
    ['_em_', [em(t('em'))]],
    ['***both***', [em(strong(t('both')))]],
    ['*a **b** c*', [em(t('a '), strong(t('b')), t(' c'))]],
    ['**S$399**', [strong(t('S$399'))]],
    ['snake_case_name', [t('snake_case_name')]],
    ['only_a_ few', [t('only_a_ few')]],
    // CommonMark's flanking rules: a run between a letter and punctuation does not open
    ['now**"S$3"**!', [t('now**"S$3"**!')]],
    ['**"S$3"** now', [strong(t('"S$3"')), t(' now')]],
    ['*(*a*)*', [em(t('('), em(t('a')), t(')'))]],
    ['**a*b*c**', [strong(t('a'), em(t('b')), t('c'))]],
    // the rule of 3
    ['*foo**bar**baz*', [em(t('foo'), strong(t('bar')), t('baz'))]],
    ['foo*bar**baz', [t('foo*bar**baz')]],
    ['_foo_bar_', [em(t('foo_bar'))]],
    ['~~gone~~ and ~this~', [del(t('gone')), t(' and '), del(t('this'))]],
    ['~~~three~~~', [t('~~~three~~~')]],
    ['\\\\*a*', [t('\\'), em(t('a'))]],
    ['\\_\\*\\[\\`\\#', [t('_*[`#')]],
    ['\\_x\\_ \\*y\\*', [t('_x_ *y*')]],
    ['*a*b', [em(t('a')), t('b')]],
    ['2 * 3 * 4', [t('2 * 3 * 4')]],
    ['a ** b', [t('a ** b')]],
    ['**unclosed', [t('**unclosed')]],
    ['\\*not em\\*', [t('*not em*')]],
    ['`code`', [code('code')]],
    ['`` a`b ``', [code('a`b')]],
    ['`**not bold**`', [code('**not bold**')]],
    ['`unclosed', [t('`unclosed')]],
    ['[Shop](https://tradezone.sg)', [a('https://tradezone.sg/', t('Shop'))]],
    ['[**Bold** link](https://x.com/a)', [a('https://x.com/a', strong(t('Bold')), t(' link'))]],
    ['**[Sony](https://x.com/s)**', [strong(a('https://x.com/s', t('Sony')))]],
    ['[t](https://x.com/a "Title")', [a('https://x.com/a', t('t'))]],
    ['[t](https://x.com/a_(b))', [a('https://x.com/a_(b)', t('t'))]],
    ['[t](https://x.com/a_(b)_(c) \'T\')', [a('https://x.com/a_(b)_(c)', t('t'))]],
    // nested parentheses, escapes, `<…>` destinations, entities
    ['[t](https://x.com/((b)))', [a('https://x.com/((b))', t('t'))]],
    ['[t](https://x.com/\\))', [a('https://x.com/)', t('t'))]],
    ['[t](<https://x.com/a b>)', [a('https://x.com/a%20b', t('t'))]],
    ['[t](https://x.com/?a=1&amp;b=2)', [a('https://x.com/?a=1&amp;b=2', t('t'))]],
    ['[t](\nhttps://x.com/a\n"title"\n)', [a('https://x.com/a', t('t'))]],
    ['[not a link]', [t('[not a link]')]],
    ['[ref][x]', [t('[ref][x]')]],
    ['[a] (https://x.com)', [t('[a] ('), auto('https://x.com/', 'https://x.com'), t(')')]],
    ['![Alt text](https://x.com/i.png)', [img('https://x.com/i.png', 'Alt text')]],
    ['![**b** c](https://x.com/i.png)', [img('https://x.com/i.png', 'b c')]],
    [
      '[![i](https://x.com/i.png)](https://x.com/p)',
      [a('https://x.com/p', img('https://x.com/i.png', 'i'))],
    ],
    // no links inside links: the outer `[` stays literal (its destination is a bare autolink)
    ['[a [b](https://x.com/b) c](https://x.com/a)', [t('[a '), a('https://x.com/b', t('b')), t(' c]('), auto('https://x.com/a'), t(')')]],
    ['[<https://x.com/b>](https://x.com/a)', [t('['), auto('https://x.com/b'), t(']('), auto('https://x.com/a'), t(')')]],
    // autolinks: GFM's trailing punctuation, balanced parentheses, www., emails, <…>
    ['see https://x.com/p.', [t('see '), auto('https://x.com/p'), t('.')]],
    ['(https://x.com/a_(b))', [t('('), auto('https://x.com/a_(b)'), t(')')]],
    ['https://tradezone.sg/trade-in, then!', [auto('https://tradezone.sg/trade-in'), t(', then!')]],
    ['**https://x.com/a**', [strong(auto('https://x.com/a'))]],
    ['go to www.tradezone.sg/shop?', [t('go to '), auto('http://www.tradezone.sg/shop', 'www.tradezone.sg/shop'), t('?')]],
    // (the URL as written: GFM autolinks do not decode entities; `&hl;` is entity-like, so not part of it)
    ['https://x.com/a&amp;b&hl;', [auto('https://x.com/a&amp;amp;b', 'https://x.com/a&amp;b'), t('&hl;')]],
    ['mail help@tradezone.sg.', [t('mail '), auto('mailto:help@tradezone.sg', 'help@tradezone.sg'), t('.')]],
    ['<https://x.com/a b> <https://x.com/a>', [t('<https://x.com/a b> '), auto('https://x.com/a')]],
    ['<help@tradezone.sg>', [auto('mailto:help@tradezone.sg', 'help@tradezone.sg')]],
    ['https://x y', [t('https://x y')]],
    ['`https://x.com` snake_case@x', [code('https://x.com'), t(' snake_case@x')]],
    // entities and numeric references are text
    ['a &amp; b &#60; &#x27; &copy; &bogus; &#0;', [t('a & b < \' © &bogus; \ufffd')]],
    ['&amp38lt; &lt60gt; stay text', [t('&amp38lt; &lt60gt; stay text')]],
    ['&lt;script&gt;', [t('<script>')]],
    ['&constructor; &toString;', [t('&constructor; &toString;')]],
  ])('%j', (src, want) => {
    expect(html(parseInline(src))).toBe(want.join(''));
  });

  it.each([
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x](vbscript:msgbox(1))',
    '[x](data:text/html,<script>alert(1)</script>)',
    '[x](/relative)',
    '![x](javascript:alert(1))',
    '![x](http://insecure.example/i.png)',
    '![x](data:image/png;base64,AAAA)',
    '[x](java&#x09;script:alert(1))',
  ])('unsafe URL stays literal text: %j', (src) => {
    expect(html(parseInline(src))).toBe(t(src));
  });

  it('link text around an unsafe URL keeps its formatting', () => {
    expect(html(parseInline('[**x**](javascript:alert(1))'))).toBe(t('[') + strong(t('x')) + t('](javascript:alert(1))'));
  });

  it('never shows data images (only the visitor\'s own photo may be one, and it is not markdown)', () => {
    for (const src of ['![me](data:image/png;base64,iVBORw0KGgo=)', '![me](data:image/jpeg;base64,/9j/4AAQ)']) {
      expect(html(parseInline(src))).toBe(t(src));
      expect(md(src)).toBe(p(t(src)));
    }
  });

  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '<b>not bold</b>',
    '<!-- comment -->',
  ])('raw HTML stays text: %j', (src) => {
    expect(md(src)).toBe(p(t(src)));
  });
});

describe('block constructs', () => {
  it.each<[string, string[]]>([
    ['', []],
    ['\n\n  \n', []],
    ['one\n\ntwo', [p(t('one')), p(t('two'))]],
    ['a\r\nb', [p(t('a'), br, t('b'))]],
    ['line one\nline two', [p(t('line one'), br, t('line two'))]],
    // inline syntax spans line breaks
    ['**a\nb** `c\nd`', [p(strong(t('a'), br, t('b')), t(' '), code('c d'))]],
    ['a  \nb\\\nc', [p(t('a'), br, t('b'), br, t('c'))]],
    ['# H1', [heading(1, t('H1'))]],
    // a closing `#` run is dropped (not when escaped or attached)
    ['### H3 ###', [heading(3, t('H3'))]],
    ['## C# #', [heading(2, t('C#'))]],
    ['# a \\#', [heading(1, t('a #'))]],
    ['# #', [heading(1)]],
    ['###### **H6**', [heading(6, strong(t('H6')))]],
    ['####### seven', [p(t('####### seven'))]],
    ['#hashtag', [p(t('#hashtag'))]],
    ['Intro\n## Heading', [p(t('Intro')), heading(2, t('Heading'))]],
    ['```\ncode <b>\n```', [pre('code <b>')]],
    ['```ts\nlet a = 1;\n\nlet b;\n```\nafter', [pre('let a = 1;\n\nlet b;'), p(t('after'))]],
    ['~~~\n```\n~~~', [pre('```')]],
    // a backtick in the info string: no fence, an inline code span
    ['```a`b```\nx', [p(code('a`b'), br, t('x'))]],
    ['~~~a`b\nx', [pre('x')]],
    ['```\nunclosed', [pre('unclosed')]],
    ['  ```\n  indented\n  ```', [pre('indented')]],
    ['---', [hr]],
    ['* * *', [hr]],
    ['> quoted **text**\n> more', [quote(p(t('quoted '), strong(t('text')), br, t('more')))]],
    ['> a\nlazy\n\nafter', [quote(p(t('a'), br, t('lazy'))), p(t('after'))]],
    ['> a\n>\n> > b\n> - c\n> - *d*', [quote(p(t('a')), quote(p(t('b'))), ul([p(t('c'))], [p(em(t('d')))]))]],
    ['> policy\n\n> two', [quote(p(t('policy'))), quote(p(t('two')))]],
    ['    indented code\n\n      more', [pre('indented code\n\n  more')]],
    ['a\n    not code', [p(t('a'), br, t('not code'))]],
    ['- a\n- b', [ul([p(t('a'))], [p(t('b'))])]],
    ['* a\n+ b', [ul([p(t('a'))]), ul([p(t('b'))])]],
    ['1. one\n2. two', [list('ol', 1, [p(t('one'))], [p(t('two'))])]],
    ['3) three', [list('ol', 3, [p(t('three'))])]],
    ['- a\n  more', [ul([p(t('a'), br, t('more'))])]],
    ['- a\nlazy', [ul([p(t('a'), br, t('lazy'))])]],
    // nested lists: ordered in unordered and back
    ['- a\n  - b\n  - c\n- d', [ul([p(t('a')), ul([p(t('b'))], [p(t('c'))])], [p(t('d'))])]],
    [
      '1. **Sony**\n   - S$399\n     1. case\n2. PS5',
      [list('ol', 1, [p(strong(t('Sony'))), ul([p(t('S$399')), list('ol', 1, [p(t('case'))])])], [p(t('PS5'))])],
    ],
    ['1. a\n    - b', [list('ol', 1, [p(t('a')), ul([p(t('b'))])])]],
    ['- a\n- b\n  - c\n\n  d', [loose('ul', 1, [p(t('a'))], [p(t('b')), ul([p(t('c'))]), p(t('d'))])]],
    // loose lists, items with several paragraphs
    ['1. a\n\n2. b', [loose('ol', 1, [p(t('a'))], [p(t('b'))])]],
    ['- a\n\n  para\n\nafter', [loose('ul', 1, [p(t('a')), p(t('para'))]), p(t('after'))]],
    ['- a\n\n\n- b', [loose('ul', 1, [p(t('a'))], [p(t('b'))])]],
    ['- a\n  ```\n  x\n  ```\n- b', [ul([p(t('a')), pre('x')], [p(t('b'))])]],
    ['- # a\n- > b', [ul([heading(1, t('a'))], [quote(p(t('b')))])]],
    // an ordered list interrupts a paragraph only from 1
    ['a\n2. b', [p(t('a'), br, t('2. b'))]],
    ['1. a\n2. b\n3) c', [list('ol', 1, [p(t('a'))], [p(t('b'))]), list('ol', 3, [p(t('c'))])]],
    // tables
    [
      '| Model | Price |\n|:--|--:|\n| **PS5 Slim** | S$599 |\n| PS5 Pro | `S$999` |',
      [
        '<div class="td-table" tabindex="0"><table><thead><tr><th align="left">Model</th><th align="right">Price</th></tr></thead><tbody>' +
          '<tr><td align="left"><strong>PS5 Slim</strong></td><td align="right">S$599</td></tr>' +
          '<tr><td align="left">PS5 Pro</td><td align="right"><code>S$999</code></td></tr></tbody></table></div>',
      ],
    ],
    [
      'Compare:\na | b\n-|:-:\nx \\| y | z | extra\n\nafter',
      [
        p(t('Compare:')),
        '<div class="td-table" tabindex="0"><table><thead><tr><th>a</th><th align="center">b</th></tr></thead><tbody>' +
          '<tr><td>x | y</td><td align="center">z</td></tr></tbody></table></div>',
        p(t('after')),
      ],
    ],
    ['| a | b |\n| --- |\n| c |', [p(t('| a | b |'), br, t('| --- |'), br, t('| c |'))]],
    ['Options:\n- a', [p(t('Options:')), ul([p(t('a'))])]],
    ['-no space', [p(t('-no space'))]],
    ['2024. A year', [list('ol', 2024, [p(t('A year'))])]],
  ])('%j', (src, want) => {
    expect(md(src)).toBe(want.join(''));
  });

  it('nesting deeper than 12 containers is text', () => {
    const q = md('>'.repeat(50) + ' x');
    expect(q.match(/<blockquote>/g)).toHaveLength(13);
    expect(q).toContain(p(t('>'.repeat(37) + ' x')));
    const deep = md(Array.from({ length: 20 }, (_, i) => ' '.repeat(i * 2) + '- x' + i).join('\n'));
    expect(deep.match(/<ul>/g)).toHaveLength(13);
    expect(deep).toContain('x12' + '<br>' + t('- x13'));
  });
});

describe('product cards', () => {
  const pic = (n: string) => `https://tradezone.sg/img/${n}.jpg`;
  const url = (n: string) => `https://tradezone.sg/p/${n}`;

  it('image line + bold linked name + price', () => {
    const md = `![Sony WH-1000XM5](${pic('xm5')})\n**[Sony WH-1000XM5](${url('xm5')})** — S$399`;
    expect(html(parseMarkdown(md))).toBe(cards({ title: 'Sony WH-1000XM5', url: url('xm5'), imageUrl: pic('xm5'), price: 'S$399' }));
  });

  it('list items with link, price and image, in one cards block', () => {
    const md = `- [PS5 Slim](${url('ps5')}) - S$599 ![PS5](${pic('ps5')})\n- [Xbox Series X](${url('xsx')}) – $1,299.00 ![X](${pic('xsx')})`;
    expect(html(parseMarkdown(md))).toBe(
      cards(
        { title: 'PS5 Slim', url: url('ps5'), imageUrl: pic('ps5'), price: 'S$599' },
        { title: 'Xbox Series X', url: url('xsx'), imageUrl: pic('xsx'), price: '$1,299.00' },
      ),
    );
  });

  it('run of listings with text before and after, subtitle and SGD prices', () => {
    const md = [
      'Here are two options:',
      `![A](${pic('a')})`,
      `**[Alpha](${url('a')})** — SGD 99 · Wireless`,
      `[Beta](${url('b')}): S$1,099.50 ![B](${pic('b')})`,
      'Want more?',
    ].join('\n');
    expect(html(parseMarkdown(md))).toBe(
      p(t('Here are two options:')) +
        cards(
          { title: 'Alpha', url: url('a'), imageUrl: pic('a'), price: 'SGD 99', subtitle: 'Wireless' },
          { title: 'Beta', url: url('b'), imageUrl: pic('b'), price: 'S$1,099.50' },
        ) +
        p(t('Want more?')),
    );
  });

  it('a comma after the price is not part of it', () => {
    const md = `[Alpha](${url('a')}) S$1,299, wireless ![A](${pic('a')})`;
    expect(html(parseMarkdown(md))).toBe(
      cards({ title: 'Alpha', url: url('a'), imageUrl: pic('a'), price: 'S$1,299', subtitle: 'wireless' }),
    );
  });

  it('image after the name line, and an image inside the link', () => {
    const md = `**[Alpha](${url('a')})** S$5\n![A](${pic('a')})\n\n[![B](${pic('b')})](${url('b')}) $7`;
    expect(html(parseMarkdown(md))).toBe(
      cards({ title: 'Alpha', url: url('a'), imageUrl: pic('a'), price: 'S$5' }) +
        cards({ title: 'B', url: url('b'), imageUrl: pic('b'), price: '$7' }),
    );
  });

  it.each([
    ['ordinary link', `Check [our shop](${url('x')}) for deals.`],
    ['link + price, no image', `The [PS5](${url('ps5')}) is S$599.`],
    ['image + link, no price', `![PS5](${pic('ps5')})\n[PS5](${url('ps5')})`],
    ['prose before the link', `![PS5](${pic('ps5')})\nYou could try the [PS5](${url('ps5')}) at S$599`],
    ['two links on the line', `![P](${pic('p')})\n[PS5](${url('ps5')}) or [Xbox](${url('x')}) S$599`],
    ['long prose after', `![P](${pic('p')})\n[PS5](${url('ps5')}) S$599 — which is honestly a great price for what you get, if you ask me`],
    ['unsafe product link', `![P](${pic('p')})\n[PS5](javascript:alert(1)) S$599`],
    ['list with one non-product item', `- [PS5](${url('ps5')}) S$599 ![P](${pic('p')})\n- Ask me anything`],
  ])('not a card: %s', (_name, md) => {
    const out = html(parseMarkdown(md));
    if (_name == 'list with one non-product item') expect(out).toMatch(/^<ul><li>/);
    else expect(out).not.toContain('td-card');
  });
});

describe('streaming', () => {
  const last = (text: string) => html(parseStreaming(text).blocks.at(-1));

  it.each<[string, string]>([
    ['Price is **S$3', p(t('Price is '), strong(t('S$3')))],
    ['Price is **', p(t('Price is '))],
    ['Price is *', p(t('Price is '))],
    ['a `co', p(t('a '), code('co'))],
    ['a `', p(t('a '))],
    ['See [Shop](https://tra', p(t('See Shop'))],
    ['See [Shop](', p(t('See Shop'))],
    ['See [Shop]', p(t('See Shop'))],
    ['See [Sh', p(t('See Sh'))],
    ['See [Shop](https://x.com/a "ti', p(t('See Shop'))],
    ['See [Shop](https://x.com/a_(b', p(t('See Shop'))],
    ['[a](https://x.com/a) [b](', p(a('https://x.com/a', t('a')), t(' b'))],
    ['Look ![PS', p(t('Look PS'))],
    ['**[Sony](https://x.co', p(strong(t('Sony')))],
    ['```py\nprint(1', pre('print(1')],
    ['```py\nprint(1)\n', pre('print(1)')],
    ['- a\n- **b', ul([p(t('a'))], [p(strong(t('b')))])],
    ['# Head **x', heading(1, t('Head '), strong(t('x')))],
    ['**a\n', p(strong(t('a')))],
  ])('lenient end: %j', (src, want) => {
    expect(last(src)).toBe(want);
  });

  it('finished blocks are not lenient', () => {
    expect(html(parseStreaming('x **y\n\nnext').blocks[0])).toBe(p(t('x **y')));
  });

  it('done=true equals parseMarkdown', () => {
    for (const s of ['Price is **S$3', 'See [Shop](https://tra', '```\nx', 'a\n\nb **c'])
      expect(html(parseStreaming(s, undefined, { done: true }).blocks)).toBe(md(s));
  });

  it('reuses finished blocks by identity and re-parses only the tail', () => {
    const full = [
      '# Deals',
      '',
      'Here is **one**.',
      '',
      '```',
      'code',
      '',
      'still code',
      '```',
      '',
      '- a',
      '',
      '- b',
      '',
      'Bye [Shop](https://tradezone.sg)!',
      '',
      'Thanks',
    ].join('\n');
    let cache: StreamCache | undefined;
    let prev: unknown[] = [];
    const seen = new Map<unknown, number>();
    for (let n = 1; n <= full.length; n += 3) {
      const r = parseStreaming(full.slice(0, n), cache);
      // every block committed to the cache keeps its identity afterwards
      for (const b of r.cache.blocks) {
        if (!seen.has(b)) seen.set(b, n);
      }
      for (let k = 0; k < (cache?.blocks.length ?? 0); k++) expect(r.blocks[k]).toBe(cache!.blocks[k]);
      cache = r.cache;
      prev = r.blocks;
    }
    const done = parseStreaming(full, cache, { done: true });
    expect(html(done.blocks)).toBe(md(full));
    for (let k = 0; k < cache!.blocks.length; k++) expect(done.blocks[k]).toBe(cache!.blocks[k]);
    // all but the last two paragraphs are cached ("Bye" is finished only once the
    // line after its blank line is complete); the code block keeps its blank line
    const tags = (bs: unknown[]) => bs.map((b) => html(b).match(/^<(\w+)/)![1]);
    expect(html(cache!.blocks[0])).toBe(heading(1, t('Deals')));
    expect(tags(cache!.blocks)).toEqual(['p', 'p', 'pre', 'ul']);
    expect(html(cache!.blocks[2])).toBe(pre('code\n\nstill code'));
    expect(tags(prev)).toEqual(['p', 'p', 'pre', 'ul', 'p', 'p']);
  });

  it('a blank line at the end is no cut yet: the list or fence may go on', () => {
    const a = parseStreaming('- a\n\n');
    expect(a.cache.src).toBe('');
    expect(html(parseStreaming('- a\n\n- b', a.cache).blocks)).toBe(loose('ul', 1, [p(t('a'))], [p(t('b'))]));
    const f = parseStreaming('```\nx\n\ny\n');
    expect(f.cache.src).toBe('');
    expect(html(parseStreaming('```\nx\n\ny\n```\n\nz\n', f.cache).blocks)).toBe(pre('x\n\ny') + p(t('z')));
  });

  it('cuts only before a complete column-0 line after a blank line', () => {
    expect(parseStreaming('a\n\nb').cache.src).toBe('');
    expect(parseStreaming('a\n\nb\n').cache.src).toBe('a\n\n');
    expect(parseStreaming('a\n\nb', undefined, { done: true }).cache.src).toBe('a\n\n');
    expect(parseStreaming('a\n\n  b\n\n- c\n').cache.src).toBe('a\n\n  b\n\n');
    // an item after a blank line may continue the list before it: no cut
    expect(parseStreaming('- a\n\n- b\n').cache.src).toBe('');
    expect(parseStreaming('> a\n\n- b\n').cache.src).toBe('> a\n\n');
  });

  it('starts over when the text is not an extension', () => {
    const a = parseStreaming('one\n\ntwo\n\nthree');
    const b = parseStreaming('ONE\n\ntwo', a.cache);
    expect(html(b.blocks[0])).toBe(p(t('ONE')));
    expect(b.cache.blocks[0]).not.toBe(a.cache.blocks[0]);
  });

  it('never shows raw markdown syntax for a half-streamed reply', () => {
    const full = 'Try **[Sony WH-1000XM5](https://tradezone.sg/p/xm5)** for *S$399* or `code` ok';
    let cache: StreamCache | undefined;
    for (let n = 1; n <= full.length; n++) {
      const r = parseStreaming(full.slice(0, n), cache);
      cache = r.cache;
      // no `**`, `[`, `](` or backtick anywhere in the output (text or markup)
      expect(html(r.blocks)).not.toMatch(/\*\*|\[|`/);
    }
  });
});
