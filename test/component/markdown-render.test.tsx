// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { CardList } from '../../src/markdown/CardList';
import { Markdown } from '../../src/markdown/Markdown';
import { safeImageUrl, safeLinkUrl } from '../../src/markdown/url';

/** Corpus format: see the header of test/fixtures/xss-vectors.txt. */
const vectors = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../fixtures/xss-vectors.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) =>
    l.replace(/\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|([nrt\\]))/g, (_, x, u, c) =>
      x || u ? String.fromCharCode(parseInt(x || u, 16)) : c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : '\\',
    ),
  );

const FORBIDDEN = 'script,iframe,object,embed,svg,math,style,form,input,button,textarea,select,base,meta,link,frame,frameset,template,video,audio,source,body,html,head';
const ALLOWED = new Set('DIV,P,STRONG,EM,DEL,CODE,PRE,A,IMG,BR,UL,OL,LI,HR,SPAN,BLOCKQUOTE,TABLE,THEAD,TBODY,TR,TH,TD'.split(','));
const DATA_IMG = /^data:image\/(png|jpeg|webp|gif);base64,/i;

afterEach(cleanup);

/** Everything a reader gets: text nodes plus image alt text, in order. */
function visible(el: Element): string {
  let s = '';
  const walk = (n: Node) => {
    if (n.nodeType == 3) s += n.nodeValue;
    else if (n instanceof HTMLImageElement) s += n.alt;
    n.childNodes.forEach(walk);
  };
  walk(el);
  return s;
}

const alnum = (s: string) => (s.match(/[\p{L}\p{N}]/gu) || []).join('');

/** Source minus what legitimately disappears: allowed URLs (+titles), fence info strings, entity references (decoded). */
function expectedText(src: string, data: boolean) {
  return src
    .replace(/&#?\w+;/g, '')
    .replace(/^( {0,3}(`{3,}|~{3,})).*$/gm, '$1')
    .replace(/^ *\d+[.)] /gm, '')
    .replace(/(!?)\]\(\s*([^\s)]*(?:\([^\s)]*\))?[^\s)]*)(?:\s+("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'))?\s*\)/g, (m, bang, url) =>
      (bang ? safeImageUrl(url, { allowData: data }) : safeLinkUrl(url)) ? bang + ']' : m,
    );
}

function isSubsequence(needle: string, hay: string) {
  let i = 0;
  for (const ch of hay) if (ch == needle[i]) i++;
  return i == needle.length;
}

function assertSafe(root: Element, allowData: boolean) {
  expect(root.querySelectorAll(FORBIDDEN).length).toBe(0);
  for (const el of root.querySelectorAll('*')) {
    expect(ALLOWED.has(el.tagName), el.tagName).toBe(true);
    for (const attr of Array.from(el.attributes)) {
      expect(attr.name.startsWith('on'), `${el.tagName} ${attr.name}`).toBe(false);
      expect(['style', 'srcdoc', 'formaction', 'action', 'xlink:href'].includes(attr.name)).toBe(false);
      if (attr.name == 'href' || attr.name == 'src') {
        const v = attr.value.trim().toLowerCase();
        expect(v).not.toMatch(/^(javascript|vbscript|livescript|file):/);
        if (v.startsWith('data:')) {
          expect(allowData && el.tagName == 'IMG' && DATA_IMG.test(v), v).toBe(true);
        } else expect(v, v).toMatch(attr.name == 'src' ? /^https:\/\// : /^(https?:\/\/|mailto:|tel:)/);
      }
    }
    if (el.tagName == 'A') {
      expect(el.getAttribute('target')).toBe('_blank');
      expect(el.getAttribute('rel')).toBe('noopener noreferrer');
    }
    if (el.tagName == 'IMG') expect(el.getAttribute('referrerpolicy')).toBe('no-referrer');
  }
}

describe('XSS corpus through <Markdown>', () => {
  it('has at least 150 vectors, all calling __xss', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(150);
    // every vector calls __xss (possibly obfuscated or base64-encoded) or probes a non-script scheme
    expect(vectors.filter((v) => !/xss|X194c3M|'ss'|base64|passwd|evil|relative/i.test(v))).toEqual([]);
  });

  // No data images at all: only the visitor's own photo may be one, and that is not markdown.
  for (const streaming of [false, true]) {
    it(`renders every vector safely (streaming=${streaming})`, () => {
      for (const v of vectors) {
        const { container, unmount } = render(<Markdown text={v} streaming={streaming} />);
        try {
          assertSafe(container, false);
          if (!streaming && !container.querySelector('.td-cards')) {
            const want = alnum(expectedText(v, false));
            const got = alnum(visible(container));
            expect(isSubsequence(want, got), `${JSON.stringify(v)}\nwant ${want}\ngot  ${got}`).toBe(true);
          }
        } finally {
          unmount();
        }
      }
    });
  }

  it('keeps the visible text of HTML vectors verbatim', () => {
    const v = '<img src=x onerror=__xss()> and <script>__xss()</script>';
    const { container } = render(<Markdown text={v} />);
    expect(container.textContent).toBe(v);
    expect(container.querySelector('img,script')).toBeNull();
  });
});

describe('<Markdown> common constructs', () => {
  const html = (text: string, props: Record<string, unknown> = {}) =>
    render(<Markdown text={text} {...props} />).container.firstElementChild!.innerHTML;

  it.each([
    ['Hello **world**', '<p>Hello <strong>world</strong></p>'],
    ['*em* and `a<b`', '<p><em>em</em> and <code>a&lt;b</code></p>'],
    ['a\nb', '<p>a<br>b</p>'],
    ['# Title', '<p class="td-h" role="heading" aria-level="3">Title</p>'],
    ['#### Deep', '<p class="td-h" role="heading" aria-level="6">Deep</p>'],
    ['```js\nif (a < b) {}\n```', '<pre><code>if (a &lt; b) {}</code></pre>'],
    ['- a\n- **b**', '<ul><li>a</li><li><strong>b</strong></li></ul>'],
    ['3. c\n4. d', '<ol start="3"><li>c</li><li>d</li></ol>'],
    ['1. a\n   - b', '<ol start="1"><li>a<ul><li>b</li></ul></li></ol>'],
    ['- a\n\n  b\n- c', '<ul><li><p>a</p><p>b</p></li><li><p>c</p></li></ul>'],
    ['01. a', '<ol start="1"><li>a</li></ol>'],
    ['> q\n> > *r*', '<blockquote><p>q</p><blockquote><p><em>r</em></p></blockquote></blockquote>'],
    ['~~x~~ &amp; \\*', '<p><del>x</del> &amp; *</p>'],
    ['www.tradezone.sg.', '<p><a href="http://www.tradezone.sg/" target="_blank" rel="noopener noreferrer">www.tradezone.sg</a>.</p>'],
    [
      '| a | b |\n|---|--:|\n| 1 | 2 |',
      '<div class="td-table" tabindex="0"><table><thead><tr><th>a</th><th align="right">b</th></tr></thead>' +
        '<tbody><tr><td>1</td><td align="right">2</td></tr></tbody></table></div>',
    ],
    ['---', '<hr>'],
    [
      '[Shop](https://tradezone.sg/p)',
      '<p><a href="https://tradezone.sg/p" target="_blank" rel="noopener noreferrer">Shop</a></p>',
    ],
    [
      '![PS5](https://tradezone.sg/i.jpg)',
      '<p><img src="https://tradezone.sg/i.jpg" alt="PS5" loading="lazy" referrerpolicy="no-referrer"></p>',
    ],
    ['<b>x</b>', '<p>&lt;b&gt;x&lt;/b&gt;</p>'],
  ])('%j', (md, want) => {
    expect(html(md)).toBe(want);
  });

  it('renders product cards', () => {
    const md = '![Sony WH-1000XM5](https://tradezone.sg/img/xm5.jpg)\n**[Sony WH-1000XM5](https://tradezone.sg/p/xm5)** — S$399 · ANC';
    const { container } = render(<Markdown text={md} />);
    const card = container.querySelector('ul.td-cards > li.td-card')!;
    expect(card).not.toBeNull();
    expect(card.querySelector('img.td-card-img')!.getAttribute('src')).toBe('https://tradezone.sg/img/xm5.jpg');
    const a = card.querySelector('a.td-card-title')!;
    expect(a.getAttribute('href')).toBe('https://tradezone.sg/p/xm5');
    expect(a.textContent).toBe('Sony WH-1000XM5');
    expect(card.querySelector('.td-card-price')!.textContent).toBe('S$399');
    expect(card.querySelector('.td-card-sub')!.textContent).toBe('ANC');
    assertSafe(container, false);
  });

  it('CardList re-checks structured cards from the transport', () => {
    const cards = [
      { title: '<img src=x onerror=__xss()>', url: 'javascript:__xss()', imageUrl: 'javascript:__xss()', price: 'S$1' },
      { title: 'Ok', url: 'https://tradezone.sg/p/ok', imageUrl: 'data:image/png;base64,AAAA' },
      { title: { type: 'script', props: {} }, url: 42, price: 7 },
      null,
    ] as never;
    const { container } = render(<CardList cards={cards} />);
    assertSafe(container, false);
    expect(container.querySelectorAll('li').length).toBe(4);
    expect(container.querySelectorAll('a').length).toBe(1);
    expect(container.querySelectorAll('img').length).toBe(0);
    expect(container.textContent).toContain('<img src=x onerror=__xss()>');
    expect(container.textContent).toContain('[object Object]');
  });

  it('streaming re-renders only the unfinished block', () => {
    const first = 'Intro **bold**\n\nSecond line\n\nTail [Sho';
    const { container, rerender } = render(<Markdown text={first} streaming />);
    const p0 = container.querySelector('p')!;
    const text0 = p0.firstChild!;
    expect(container.textContent).toBe('Intro boldSecond lineTail Sho');
    rerender(<Markdown text={first + 'p](https://tradezone.sg/p)'} streaming />);
    expect(container.querySelector('p')).toBe(p0);
    expect(p0.firstChild).toBe(text0);
    expect(container.querySelector('a')!.getAttribute('href')).toBe('https://tradezone.sg/p');
    rerender(<Markdown text={first + 'p](https://tradezone.sg/p) **S$9'} streaming />);
    expect(container.textContent).toBe('Intro boldSecond lineTail Shop S$9');
    rerender(<Markdown text={first + 'p](https://tradezone.sg/p) **S$9'} />);
    expect(container.textContent).toBe('Intro boldSecond lineTail Shop **S$9');
  });

  it('a streamed block keeps its DOM (and focus) when it is finished', () => {
    const { container, rerender } = render(<Markdown text={'See [Shop](https://tradezone.sg/p) now'} streaming />);
    const a = container.querySelector('a')!;
    a.focus();
    rerender(<Markdown text={'See [Shop](https://tradezone.sg/p) now\n\nNext'} streaming />);
    rerender(<Markdown text={'See [Shop](https://tradezone.sg/p) now\n\nNext'} />);
    expect(container.querySelector('a')).toBe(a);
    expect(document.activeElement).toBe(a);
  });
});
