// A module's content: Markdown written by trainers, shown to trainees. Never raw HTML; links
// only to http(s) or this site; images only from this site (the page's CSP blocks others, and a
// third-party image would tell its host who reads the module), others become a link with their
// description. Headings start one level below the page's own.
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import ReactMarkdown, { type Components } from 'react-markdown';

const VIDEO_HOSTS = /^(www\.|m\.)?(youtube\.com|youtu\.be|vimeo\.com|player\.vimeo\.com)$/i;

/** An http(s) address or one on this site (relative); anything else (javascript:, data:) is null. */
export function safeUrl(url: string): string | null {
  const trimmed = url.trim();
  if (trimmed.includes('\\')) return null;
  if (/^https?:\/\//i.test(trimmed)) return trimmed;
  if (trimmed.startsWith('//')) return null;
  // Relative: no scheme before the first path, query or fragment character.
  const colon = trimmed.indexOf(':');
  const firstDelimiter = trimmed.search(/[/?#]/);
  return colon === -1 || (firstDelimiter !== -1 && colon > firstDelimiter) ? trimmed : null;
}

function isExternal(href: string): boolean {
  if (!/^https?:\/\//i.test(href)) return false;
  try {
    return new URL(href).origin !== window.location.origin;
  } catch {
    return true;
  }
}

function isVideo(href: string): boolean {
  try {
    return VIDEO_HOSTS.test(new URL(href).hostname);
  } catch {
    return false;
  }
}

function Link({ href, children }: ComponentProps<'a'>) {
  const { t } = useTranslation('training');
  if (!href) return <span>{children}</span>;
  const external = isExternal(href);
  return (
    <a
      href={href}
      rel="noopener noreferrer nofollow"
      className={isVideo(href) ? 'video-link' : undefined}
      {...(external ? { target: '_blank' } : {})}
    >
      {children}
      {external ? <span className="visually-hidden"> ({t('markdown.newTab')})</span> : null}
    </a>
  );
}

function Image({ src, alt }: ComponentProps<'img'>) {
  const { t } = useTranslation('training');
  const description = alt?.trim() || t('markdown.image');
  if (typeof src !== 'string' || !src) return <span>{description}</span>;
  if (isExternal(src))
    return (
      <a href={src} rel="noopener noreferrer nofollow" target="_blank" className="image-link">
        {t('markdown.imageLink', { description })}
      </a>
    );
  return <img src={src} alt={alt ?? ''} loading="lazy" />;
}

const components: Components = {
  a: Link,
  img: Image,
  h1: 'h2',
  h2: 'h3',
  h3: 'h4',
  h4: 'h5',
  h5: 'h6',
};

export function Markdown({ text, lang }: { text: string; lang: string }) {
  return (
    <div className="markdown" lang={lang} dir="auto">
      <ReactMarkdown skipHtml components={components} urlTransform={(url) => safeUrl(url) ?? ''}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
