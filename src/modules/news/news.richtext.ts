import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// Our own Marked instance: another module calling marked.use() must not change how articles render.
const md = new Marked({ gfm: true, breaks: false, async: false });

/** Same-origin paths only ("/tep/anh.jpg"): a remote image would let a third party track readers
 * and could change after approval. "//host" and "/\host" are protocol-relative, so refused. */
function isSameOriginPath(src: string | undefined): boolean {
  return !!src && src.startsWith('/') && !src.startsWith('//') && !src.startsWith('/\\');
}

/**
 * The allow-list: everything not named here is dropped (tags) or removed (attributes). No
 * style, class, id or on* attribute survives, so pasted rich text cannot restyle the page or
 * run script; links keep only http, https and mailto (plus relative ones).
 */
const POLICY: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'strong', 'em', 'a', 'blockquote', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'img'],
  allowedAttributes: { a: ['href', 'rel'], img: ['src', 'alt'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // The text inside these is code or markup, never prose: drop it along with the tag.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'template', 'title', 'xmp', 'noembed', 'noframes'],
  transformTags: {
    // rel is forced here, so whatever rel the author pasted is replaced.
    a: (tagName, attribs) => ({ tagName, attribs: { ...(attribs.href ? { href: attribs.href } : {}), rel: 'noopener' } }),
    // An h1 belongs to the page title; headings in the body start at h2.
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    b: 'strong',
    i: 'em',
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !isSameOriginPath(frame.attribs.src),
};

/** Markdown → safe HTML. Raw HTML inside the Markdown goes through the same allow-list. */
export function renderMarkdown(markdown: string): string {
  const html = md.parse(markdown) as string;
  return sanitizeHtml(html, POLICY);
}

/** Problems an editor can fix, checked on save (the sanitiser would silently drop these images). */
export function imageProblems(markdown: string): { missingAlt: number; remote: number } {
  let missingAlt = 0;
  let remote = 0;
  for (const m of markdown.matchAll(/!\[([^\]]*)\]\(\s*<?([^)\s>]*)/g)) {
    if (!m[1]!.trim()) missingAlt++;
    if (!isSameOriginPath(m[2])) remote++;
  }
  return { missingAlt, remote };
}
