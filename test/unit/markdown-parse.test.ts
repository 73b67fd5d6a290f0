import { describe, expect, it } from 'vitest';
import { parseMarkdown, type Block, type Inline } from '../../src/markdown/parse';
import { parseInline } from '../../src/markdown/inline';
import { parseStreaming, type StreamCache } from '../../src/markdown/streaming';
import { safeImageUrl, safeLinkUrl } from '../../src/markdown/url';

const t = (text: string): Inline => ({ type: 'text', text });
const p = (...children: Inline[]): Block => ({ type: 'p', children });
const a = (href: string, ...children: Inline[]): Inline => ({ type: 'a', href, children });
const strong = (...children: Inline[]): Inline => ({ type: 'strong', children });
const em = (...children: Inline[]): Inline => ({ type: 'em', children });
const br: Inline = { type: 'br' };

describe('url allow-lists', () => {
  it.each([
    ['https://tradezone.sg/p/xm5', 'https://tradezone.sg/p/xm5'],
    ['  https://tradezone.sg  ', 'https://tradezone.sg/'],
    ['HTTPS://TradeZone.SG/A', 'https://tradezone.sg/A'],
    ['http://example.com/a?b=c#d', 'http://example.com/a?b=c#d'],
    ['mailto:help@tradezone.sg', 'mailto:help@tradezone.sg'],
    ['tel:+6561234567', 'tel:+6561234567'],
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
  it.each<[string, Inline[]]>([
    ['plain text', [t('plain text')]],
    ['**bold**', [strong(t('bold'))]],
    ['__bold__', [strong(t('bold'))]],
    ['*em*', [em(t('em'))]],
    ['_em_', [em(t('em'))]],
    ['***both***', [em(strong(t('both')))]],
    ['*a **b** c*', [em(t('a '), strong(t('b')), t(' c'))]],
    ['**S$399**', [strong(t('S$399'))]],
    ['snake_case_name', [t('snake_case_name')]],
    ['2 * 3 * 4', [t('2 * 3 * 4')]],
    ['a ** b', [t('a ** b')]],
    ['**unclosed', [t('**unclosed')]],
    ['\\*not em\\*', [t('*not em*')]],
    ['`code`', [{ type: 'code', text: 'code' }]],
    ['`` a`b ``', [{ type: 'code', text: 'a`b' }]],
    ['`**not bold**`', [{ type: 'code', text: '**not bold**' }]],
    ['`unclosed', [t('`unclosed')]],
    ['[Shop](https://tradezone.sg)', [a('https://tradezone.sg/', t('Shop'))]],
    ['[**Bold** link](https://x.com/a)', [a('https://x.com/a', strong(t('Bold')), t(' link'))]],
    ['**[Sony](https://x.com/s)**', [strong(a('https://x.com/s', t('Sony')))]],
    ['[t](https://x.com/a "Title")', [a('https://x.com/a', t('t'))]],
    ['[t](https://x.com/a_(b))', [a('https://x.com/a_(b)', t('t'))]],
    ['[not a link]', [t('[not a link]')]],
    ['[a] (https://x.com)', [t('[a] ('), a('https://x.com/', t('https://x.com')), t(')')]],
    ['![Alt text](https://x.com/i.png)', [{ type: 'img', src: 'https://x.com/i.png', alt: 'Alt text' }]],
    ['![**b** c](https://x.com/i.png)', [{ type: 'img', src: 'https://x.com/i.png', alt: 'b c' }]],
    [
      '[![i](https://x.com/i.png)](https://x.com/p)',
      [a('https://x.com/p', { type: 'img', src: 'https://x.com/i.png', alt: 'i' })],
    ],
    // no links inside links: the outer `[` turns literal (its URL is then a bare autolink)
    [
      '[a [b](https://x.com/b) c](https://x.com/a)',
      [t('[a '), a('https://x.com/b', t('b')), t(' c]('), a('https://x.com/a', t('https://x.com/a')), t(')')],
    ],
    ['see https://x.com/p.', [t('see '), a('https://x.com/p', t('https://x.com/p')), t('.')]],
    ['(https://x.com/a_(b))', [t('('), a('https://x.com/a_(b)', t('https://x.com/a_(b)')), t(')')]],
    ['nohttps://x.com', [t('nohttps://x.com')]],
    ['line one\nline two', [t('line one'), br, t('line two')]],
    ['a &amp; b &#60;', [t('a &amp; b &#60;')]],
  ])('%j', (src, want) => {
    expect(parseInline(src)).toEqual(want);
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
    expect(parseInline(src)).toEqual([t(src)]);
  });

  it('link text around an unsafe URL keeps its formatting', () => {
    expect(parseInline('[**x**](javascript:alert(1))')).toEqual([t('['), strong(t('x')), t('](javascript:alert(1))')]);
  });

  it('allows data images only when asked', () => {
    const src = '![me](data:image/png;base64,iVBORw0KGgo=)';
    expect(parseInline(src, { allowData: true })).toEqual([
      { type: 'img', src: 'data:image/png;base64,iVBORw0KGgo=', alt: 'me' },
    ]);
    expect(parseMarkdown(src, { allowDataImages: true })[0]).toEqual(p({ type: 'img', src: 'data:image/png;base64,iVBORw0KGgo=', alt: 'me' }));
    expect(parseMarkdown(src)[0]).toEqual(p(t(src)));
  });

  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '<b>not bold</b>',
    '<!-- comment -->',
  ])('raw HTML stays text: %j', (src) => {
    expect(parseMarkdown(src)).toEqual([p(t(src))]);
  });
});

describe('block constructs', () => {
  it.each<[string, Block[]]>([
    ['', []],
    ['\n\n  \n', []],
    ['one\n\ntwo', [p(t('one')), p(t('two'))]],
    ['a\r\nb', [p(t('a'), br, t('b'))]],
    ['# H1', [{ type: 'h', level: 1, children: [t('H1')] }]],
    ['### H3 ###', [{ type: 'h', level: 3, children: [t('H3')] }]],
    ['###### **H6**', [{ type: 'h', level: 6, children: [strong(t('H6'))] }]],
    ['####### seven', [p(t('####### seven'))]],
    ['#hashtag', [p(t('#hashtag'))]],
    ['Intro\n## Heading', [p(t('Intro')), { type: 'h', level: 2, children: [t('Heading')] }]],
    ['```\ncode <b>\n```', [{ type: 'pre', text: 'code <b>' }]],
    ['```ts\nlet a = 1;\n\nlet b;\n```\nafter', [{ type: 'pre', text: 'let a = 1;\n\nlet b;', lang: 'ts' }, p(t('after'))]],
    ['~~~\n```\n~~~', [{ type: 'pre', text: '```' }]],
    ['```\nunclosed', [{ type: 'pre', text: 'unclosed' }]],
    ['  ```\n  indented\n  ```', [{ type: 'pre', text: 'indented' }]],
    ['---', [{ type: 'hr' }]],
    ['* * *', [{ type: 'hr' }]],
    ['> quoted **text**\n> more', [{ type: 'blockquote', children: [p(t('quoted '), strong(t('text')), br, t('more'))] }]],
    ['- a\n- b', [{ type: 'ul', start: 1, items: [[p(t('a'))], [p(t('b'))]] }]],
    ['* a\n+ b', [{ type: 'ul', start: 1, items: [[p(t('a'))]] }, { type: 'ul', start: 1, items: [[p(t('b'))]] }]],
    ['1. one\n2. two', [{ type: 'ol', start: 1, items: [[p(t('one'))], [p(t('two'))]] }]],
    ['3) three', [{ type: 'ol', start: 3, items: [[p(t('three'))]] }]],
    ['- a\n  more', [{ type: 'ul', start: 1, items: [[p(t('a'), br, t('more'))]] }]],
    ['- a\nlazy', [{ type: 'ul', start: 1, items: [[p(t('a'), br, t('lazy'))]] }]],
    [
      '- a\n  - b\n  - c\n- d',
      [
        {
          type: 'ul',
          start: 1,
          items: [[p(t('a')), { type: 'ul', start: 1, items: [[p(t('b'))], [p(t('c'))]] }], [p(t('d'))]],
        },
      ],
    ],
    [
      '1. **Sony**\n   - S$399\n2. PS5',
      [
        {
          type: 'ol',
          start: 1,
          items: [[p(strong(t('Sony'))), { type: 'ul', start: 1, items: [[p(t('S$399'))]] }], [p(t('PS5'))]],
        },
      ],
    ],
    ['1. a\n\n2. b', [{ type: 'ol', start: 1, items: [[p(t('a'))], [p(t('b'))]] }]],
    ['- a\n\n  para\n\nafter', [{ type: 'ul', start: 1, items: [[p(t('a')), p(t('para'))]] }, p(t('after'))]],
    ['Options:\n- a', [p(t('Options:')), { type: 'ul', start: 1, items: [[p(t('a'))]] }]],
    ['-no space', [p(t('-no space'))]],
    ['2024. A year', [{ type: 'ol', start: 2024, items: [[p(t('A year'))]] }]],
  ])('%j', (src, want) => {
    expect(parseMarkdown(src)).toEqual(want);
  });

  it('caps container nesting', () => {
    const deep = '>'.repeat(50) + ' x';
    const blocks = parseMarkdown(deep);
    let depth = 0;
    for (let b: Block | undefined = blocks[0]; b?.type == 'blockquote'; b = b.children[0]) depth++;
    expect(depth).toBe(8);
  });
});

describe('product cards', () => {
  const img = (n: string) => `https://tradezone.sg/img/${n}.jpg`;
  const url = (n: string) => `https://tradezone.sg/p/${n}`;

  it('image line + bold linked name + price', () => {
    const md = `![Sony WH-1000XM5](${img('xm5')})\n**[Sony WH-1000XM5](${url('xm5')})** — S$399`;
    expect(parseMarkdown(md)).toEqual([
      { type: 'cards', cards: [{ title: 'Sony WH-1000XM5', url: url('xm5'), imageUrl: img('xm5'), price: 'S$399' }] },
    ]);
  });

  it('list items with link, price and image, in one cards block', () => {
    const md = `- [PS5 Slim](${url('ps5')}) - S$599 ![PS5](${img('ps5')})\n- [Xbox Series X](${url('xsx')}) – $1,299.00 ![X](${img('xsx')})`;
    expect(parseMarkdown(md)).toEqual([
      {
        type: 'cards',
        cards: [
          { title: 'PS5 Slim', url: url('ps5'), imageUrl: img('ps5'), price: 'S$599' },
          { title: 'Xbox Series X', url: url('xsx'), imageUrl: img('xsx'), price: '$1,299.00' },
        ],
      },
    ]);
  });

  it('run of listings with text before and after, subtitle and SGD prices', () => {
    const md = [
      'Here are two options:',
      `![A](${img('a')})`,
      `**[Alpha](${url('a')})** — SGD 99 · Wireless`,
      `[Beta](${url('b')}): S$1,099.50 ![B](${img('b')})`,
      'Want more?',
    ].join('\n');
    expect(parseMarkdown(md)).toEqual([
      p(t('Here are two options:')),
      {
        type: 'cards',
        cards: [
          { title: 'Alpha', url: url('a'), imageUrl: img('a'), price: 'SGD 99', subtitle: 'Wireless' },
          { title: 'Beta', url: url('b'), imageUrl: img('b'), price: 'S$1,099.50' },
        ],
      },
      p(t('Want more?')),
    ]);
  });

  it('image after the name line, and an image inside the link', () => {
    const md = `**[Alpha](${url('a')})** S$5\n![A](${img('a')})\n\n[![B](${img('b')})](${url('b')}) $7`;
    expect(parseMarkdown(md)).toEqual([
      { type: 'cards', cards: [{ title: 'Alpha', url: url('a'), imageUrl: img('a'), price: 'S$5' }] },
      { type: 'cards', cards: [{ title: 'B', url: url('b'), imageUrl: img('b'), price: '$7' }] },
    ]);
  });

  it.each([
    ['ordinary link', `Check [our shop](${url('x')}) for deals.`],
    ['link + price, no image', `The [PS5](${url('ps5')}) is S$599.`],
    ['image + link, no price', `![PS5](${img('ps5')})\n[PS5](${url('ps5')})`],
    ['prose before the link', `![PS5](${img('ps5')})\nYou could try the [PS5](${url('ps5')}) at S$599`],
    ['two links on the line', `![P](${img('p')})\n[PS5](${url('ps5')}) or [Xbox](${url('x')}) S$599`],
    ['long prose after', `![P](${img('p')})\n[PS5](${url('ps5')}) S$599 — which is honestly a great price for what you get, if you ask me`],
    ['unsafe product link', `![P](${img('p')})\n[PS5](javascript:alert(1)) S$599`],
    ['list with one non-product item', `- [PS5](${url('ps5')}) S$599 ![P](${img('p')})\n- Ask me anything`],
  ])('not a card: %s', (_name, md) => {
    const json = JSON.stringify(parseMarkdown(md));
    if (_name == 'list with one non-product item') expect(json).toContain('"type":"ul"');
    else expect(json).not.toContain('"cards"');
  });
});

describe('streaming', () => {
  const last = (text: string) => parseStreaming(text).blocks.at(-1);

  it.each<[string, Block]>([
    ['Price is **S$3', p(t('Price is '), strong(t('S$3')))],
    ['Price is **', p(t('Price is '))],
    ['Price is *', p(t('Price is '))],
    ['a `co', p(t('a '), { type: 'code', text: 'co' })],
    ['a `', p(t('a '))],
    ['See [Shop](https://tra', p(t('See Shop'))],
    ['See [Shop](', p(t('See Shop'))],
    ['See [Shop]', p(t('See Shop'))],
    ['See [Sh', p(t('See Sh'))],
    ['See [Shop](https://x.com/a "ti', p(t('See Shop'))],
    ['Look ![PS', p(t('Look PS'))],
    ['**[Sony](https://x.co', p(strong(t('Sony')))],
    ['```py\nprint(1', { type: 'pre', text: 'print(1', lang: 'py' }],
    ['```py\nprint(1)\n', { type: 'pre', text: 'print(1)', lang: 'py' }],
    ['- a\n- **b', { type: 'ul', start: 1, items: [[p(t('a'))], [p(strong(t('b')))]] }],
    ['# Head **x', { type: 'h', level: 1, children: [t('Head '), strong(t('x'))] }],
    ['**a\n', p(strong(t('a')))],
  ])('lenient end: %j', (src, want) => {
    expect(last(src)).toEqual(want);
  });

  it('finished blocks are not lenient', () => {
    expect(parseStreaming('x **y\n\nnext').blocks[0]).toEqual(p(t('x **y')));
  });

  it('done=true equals parseMarkdown', () => {
    for (const s of ['Price is **S$3', 'See [Shop](https://tra', '```\nx', 'a\n\nb **c'])
      expect(parseStreaming(s, undefined, { done: true }).blocks).toEqual(parseMarkdown(s));
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
    let prev: Block[] = [];
    const seen = new Map<Block, number>();
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
    expect(done.blocks).toEqual(parseMarkdown(full));
    for (let k = 0; k < cache!.blocks.length; k++) expect(done.blocks[k]).toBe(cache!.blocks[k]);
    // all but the last two paragraphs are cached ("Bye" is finished only once the
    // line after its blank line is complete); the code block keeps its blank line
    expect(cache!.blocks.map((b) => b.type)).toEqual(['h', 'p', 'pre', 'ul']);
    expect(cache!.blocks[2]).toEqual({ type: 'pre', text: 'code\n\nstill code' });
    expect(prev.map((b) => b.type)).toEqual(['h', 'p', 'pre', 'ul', 'p', 'p']);
  });

  it('starts over when the text is not an extension', () => {
    const a = parseStreaming('one\n\ntwo\n\nthree');
    const b = parseStreaming('ONE\n\ntwo', a.cache);
    expect(b.blocks[0]).toEqual(p(t('ONE')));
    expect(b.cache.blocks[0]).not.toBe(a.cache.blocks[0]);
  });

  it('never shows raw markdown syntax for a half-streamed reply', () => {
    const full = 'Try **[Sony WH-1000XM5](https://tradezone.sg/p/xm5)** for *S$399* or `code` ok';
    let cache: StreamCache | undefined;
    for (let n = 1; n <= full.length; n++) {
      const r = parseStreaming(full.slice(0, n), cache);
      cache = r.cache;
      const json = JSON.stringify(r.blocks);
      expect(json).not.toMatch(/\*\*|\]\(|`|"\[/);
    }
  });
});
