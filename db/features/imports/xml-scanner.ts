// A one-pass XML tokenizer for the parts of a workbook (sheets, shared strings, styles). It
// works on the inflated bytes, never the whole part as one string (a 200 MB string is the kind
// of allocation a worker's heap limit cannot always catch), and the position only moves
// forward, so reading is linear in the size of the part whatever it holds: an unclosed tag,
// comment or element ends the scan with `XmlDamaged` instead of the rescans that made regex
// parsing quadratic. It checks that elements nest and close, refuses DTDs (entities are never
// expanded), caps nesting depth and the length of one text, and does no namespace processing
// beyond dropping a name's prefix. Parts must be UTF-8, as Excel writes them.

/** The part is not well-formed XML; the caller names the file and part in its message. */
export class XmlDamaged extends Error {
  constructor(readonly why: string) {
    super(why);
    this.name = 'XmlDamaged';
  }
}

export const START = 1;
export const END = 2;
export const TEXT = 3;
export const EOF = 4;
export type Token = typeof START | typeof END | typeof TEXT | typeof EOF;

/** Excel holds at most 32,767 characters in a cell; a text this many bytes long is damage. */
export const MAX_TEXT_BYTES = 1024 * 1024;

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Resolves the five predefined entities and character references; anything else is damage. */
export function unescapeXml(s: string): string {
  let amp = s.indexOf('&');
  if (amp < 0) return s;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    // Entity names are short: a missing or far ';' is damage, and the bound keeps this linear.
    const semi = s.indexOf(';', amp);
    if (semi < 0 || semi - amp > 12) throw new XmlDamaged('a stray "&"');
    const name = s.slice(amp + 1, semi);
    let ch: string | undefined;
    if (name[0] === '#') {
      const hex = name[1] === 'x';
      const code = hex ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (!(hex ? /^#x[0-9a-fA-F]+$/ : /^#[0-9]+$/).test(name) || !(code >= 0 && code <= 0x10ffff))
        throw new XmlDamaged(`a bad character "&${name};"`);
      ch = String.fromCodePoint(code);
    } else ch = ENTITY[name];
    if (ch === undefined) throw new XmlDamaged(`an unknown entity "&${name.slice(0, 12)};"`);
    out += s.slice(from, amp) + ch;
    from = semi + 1;
    amp = s.indexOf('&', from);
  }
  return out + s.slice(from);
}

/** Excel's own escape for control characters in text: "_x000D_" is a carriage return. */
export function unescapeOoxml(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const LT = 0x3c,
  GT = 0x3e,
  SLASH = 0x2f,
  QUOTE = 0x22,
  APOS = 0x27,
  EQ = 0x3d;
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export class XmlScanner {
  /** Local name (prefix dropped) of the element just started or ended. */
  name = '';
  /** The element just started has no content (`<c r="A1"/>`); no END follows it. */
  selfClosing = false;
  private readonly buf: Buffer;
  private pos = 0;
  private attrFrom = 0;
  private attrTo = 0;
  private textFrom = 0;
  private textTo = 0;
  private cdata = false;
  private readonly open: string[] = [];
  /** Names and short values repeat on every row and cell: made into strings once. */
  private readonly interned = new Map<number, string>();

  constructor(
    bytes: Uint8Array,
    private readonly maxDepth = 64,
  ) {
    this.buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (this.buf[0] === 0xef && this.buf[1] === 0xbb && this.buf[2] === 0xbf) this.pos = 3;
    else if ((this.buf[0] === 0xff && this.buf[1] === 0xfe) || (this.buf[0] === 0xfe && this.buf[1] === 0xff))
      throw new XmlDamaged('it is not UTF-8');
  }

  get depth(): number {
    return this.open.length;
  }

  next(): Token {
    const buf = this.buf;
    const len = buf.length;
    for (;;) {
      const at = this.pos;
      if (at >= len) {
        if (this.open.length) throw new XmlDamaged(`it ends inside <${this.open[this.open.length - 1]}>`);
        return EOF;
      }
      if (buf[at] !== LT) {
        // Text up to the next tag (or the end, which is damage if an element is still open).
        let i = at;
        while (i < len && buf[i] !== LT) i++;
        this.textFrom = at;
        this.textTo = i;
        this.cdata = false;
        this.pos = i;
        return TEXT;
      }
      const c1 = buf[at + 1];
      if (c1 === 0x3f /* ? */) {
        this.pos = this.skipPast('?>', at + 2, 'a processing instruction');
        continue;
      }
      if (c1 === 0x21 /* ! */) {
        if (this.startsWith('<!--', at)) {
          this.pos = this.skipPast('-->', at + 4, 'a comment');
          continue;
        }
        if (this.startsWith('<![CDATA[', at)) {
          const end = this.skipPast(']]>', at + 9, 'a CDATA section');
          this.textFrom = at + 9;
          this.textTo = end - 3;
          this.cdata = true;
          this.pos = end;
          return TEXT;
        }
        throw new XmlDamaged('it declares a DTD, which workbooks never do');
      }
      if (c1 === SLASH) return this.endTag(at);
      return this.startTag(at);
    }
  }

  /** The text of the TEXT token just returned, entities resolved (none in a CDATA section). */
  text(): string {
    if (this.textTo - this.textFrom > MAX_TEXT_BYTES) throw new XmlDamaged('a text far longer than Excel allows');
    const raw = this.buf.toString('utf8', this.textFrom, this.textTo);
    return this.cdata ? raw : unescapeXml(raw);
  }

  /**
   * The value of one attribute of the element just started (its name as written, e.g. "r:id"),
   * unescaped; undefined if it has none. Walks the tag's attributes without building them all.
   */
  attr(wanted: string): string | undefined {
    const buf = this.buf;
    let i = this.attrFrom;
    const to = this.attrTo;
    for (;;) {
      while (i < to && isSpace(buf[i]!)) i++;
      if (i >= to) return undefined;
      const nameFrom = i;
      while (i < to && buf[i] !== EQ && !isSpace(buf[i]!)) i++;
      let match = i - nameFrom === wanted.length;
      for (let k = 0; match && k < wanted.length; k++) match = buf[nameFrom + k] === wanted.charCodeAt(k);
      while (i < to && isSpace(buf[i]!)) i++;
      if (i >= to || buf[i] !== EQ) throw new XmlDamaged('an attribute without a value');
      i++;
      while (i < to && isSpace(buf[i]!)) i++;
      const quote = buf[i];
      if (i >= to || (quote !== QUOTE && quote !== APOS)) throw new XmlDamaged('an unquoted attribute');
      const valueFrom = ++i;
      while (i < to && buf[i] !== quote) i++;
      if (i >= to) throw new XmlDamaged('an unclosed attribute');
      if (match) {
        if (i - valueFrom > MAX_TEXT_BYTES) throw new XmlDamaged('an attribute far longer than Excel writes');
        return i - valueFrom <= 4 ? this.intern(valueFrom, i) : unescapeXml(buf.toString('utf8', valueFrom, i));
      }
      i++;
    }
  }

  /** Skips the content of the element just started, up to and including its end tag. */
  skipElement(): void {
    if (this.selfClosing) return;
    const depth = this.open.length;
    while (this.open.length >= depth) if (this.next() === EOF) return;
  }

  /** The ASCII text of a short range, from the cache when seen before; others are decoded. */
  private intern(from: number, to: number): string {
    const buf = this.buf;
    let hash = to - from;
    for (let i = from; i < to; i++) {
      const c = buf[i]!;
      if (c >= 0x80 || c === 0x26 /* & */ || to - from > 32) return unescapeXml(buf.toString('utf8', from, to));
      hash = (Math.imul(hash, 31) + c) | 0;
    }
    const known = this.interned.get(hash);
    if (known !== undefined && known.length === to - from) {
      let same = true;
      for (let i = 0; same && i < known.length; i++) same = known.charCodeAt(i) === buf[from + i];
      if (same) return known;
    }
    const text = buf.toString('latin1', from, to);
    if (this.interned.size < 4096) this.interned.set(hash, text);
    return text;
  }

  private startsWith(marker: string, at: number): boolean {
    for (let k = 0; k < marker.length; k++) if (this.buf[at + k] !== marker.charCodeAt(k)) return false;
    return true;
  }

  private skipPast(marker: string, from: number, what: string): number {
    const at = this.buf.indexOf(marker, from, 'latin1');
    if (at < 0) throw new XmlDamaged(`${what} is never closed`);
    return at + marker.length;
  }

  /** End of the tag name starting at `from`. */
  private nameEnd(from: number): number {
    const buf = this.buf;
    let i = from;
    while (i < buf.length) {
      const c = buf[i]!;
      if (isSpace(c) || c === SLASH || c === GT || c === LT) break;
      i++;
    }
    if (i === from) throw new XmlDamaged('a tag without a name');
    if (i - from > 256) throw new XmlDamaged('a tag name far longer than Excel writes');
    return i;
  }

  private localName(qname: string): string {
    const colon = qname.indexOf(':');
    return colon < 0 ? qname : qname.slice(colon + 1);
  }

  private endTag(lt: number): Token {
    const buf = this.buf;
    const end = this.nameEnd(lt + 2);
    let gt = end;
    while (gt < buf.length && isSpace(buf[gt]!)) gt++;
    if (buf[gt] !== GT) throw new XmlDamaged(`an end tag is never closed`);
    const qname = this.intern(lt + 2, end);
    const expected = this.open.pop();
    if (expected !== qname)
      throw new XmlDamaged(expected ? `<${expected}> is closed by </${qname}>` : `</${qname}> closes nothing`);
    this.name = this.localName(qname);
    this.selfClosing = false;
    this.pos = gt + 1;
    return END;
  }

  private startTag(lt: number): Token {
    const buf = this.buf;
    const end = this.nameEnd(lt + 1);
    // The tag ends at a '>' outside quoted attribute values; each byte is looked at once.
    let i = end;
    let quote = 0;
    for (;;) {
      if (i >= buf.length) throw new XmlDamaged('a tag is never closed');
      const c = buf[i]!;
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === QUOTE || c === APOS) quote = c;
      else if (c === GT) break;
      else if (c === LT) throw new XmlDamaged('a tag is never closed');
      i++;
    }
    const qname = this.intern(lt + 1, end);
    this.selfClosing = i > end && buf[i - 1] === SLASH;
    this.attrFrom = end;
    this.attrTo = this.selfClosing ? i - 1 : i;
    this.name = this.localName(qname);
    this.pos = i + 1;
    if (!this.selfClosing) {
      if (this.open.length >= this.maxDepth) throw new XmlDamaged('tags are left open, or nest too deeply');
      this.open.push(qname);
    }
    return START;
  }
}
