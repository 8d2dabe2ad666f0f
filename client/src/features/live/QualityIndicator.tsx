import { useTranslation } from 'react-i18next';
import type { ConnectionQuality } from '../../../../server/protocol/live.ts';

/** Our connection in words and bars (not colour alone), with a tip when it is weak. */
export function QualityIndicator({
  quality,
  audioOnly,
}: {
  quality: ConnectionQuality;
  audioOnly: boolean;
}) {
  const { t } = useTranslation('live');
  return (
    <p className="live-quality" data-quality={quality}>
      <span className="live-bars" aria-hidden="true">
        <span />
        <span />
        <span />
      </span>
      <span>{t('quality.label', { quality: t(`quality.${quality}`) })}</span>
      {quality === 'poor' && !audioOnly ? (
        <span className="live-quality-tip">{t('quality.poorTip')}</span>
      ) : null}
    </p>
  );
}
