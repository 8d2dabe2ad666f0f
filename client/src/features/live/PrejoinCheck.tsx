import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, SelectField } from '../../lib/forms/fields.tsx';
import type { JoinOptions } from './liveState.ts';
import { MediaTrackView } from './MediaTrackView.tsx';
import { MicLevelMeter } from './MicLevelMeter.tsx';
import { useDevicePreview } from './useDevicePreview.ts';

/**
 * Before joining: choose and test the camera and microphone, or decide to come in without them.
 * Nothing is sent to the session until the Join button.
 */
export function PrejoinCheck({
  error,
  onJoin,
}: {
  /** Why the last join did not work (already translated). */
  error: string | null;
  /** Resolves false when joining failed and the check stays on screen. */
  onJoin: (options: JoinOptions) => Promise<boolean>;
}) {
  const { t } = useTranslation('live');
  const id = useId();
  const [cameraId, setCameraId] = useState('');
  const [micId, setMicId] = useState('');
  const [cameraOff, setCameraOff] = useState(false);
  const [muted, setMuted] = useState(false);
  const [busy, setBusy] = useState(false);
  const preview = useDevicePreview(cameraId, micId, !cameraOff);

  const video = preview.stream?.getVideoTracks()[0] ?? null;
  const audio = preview.stream?.getAudioTracks()[0] ?? null;
  // While the browser is still asking, trust the person's choice; the session asks again anyway.
  const known = preview.stream !== null || preview.problem !== null;
  const hasMic = known ? audio !== null : true;
  const hasCamera = known ? video !== null : true;
  const cameraValue = cameraId || (video?.getSettings().deviceId ?? '');
  const micValue = micId || (audio?.getSettings().deviceId ?? '');

  const join = async () => {
    setBusy(true);
    preview.stop();
    const joined = await onJoin({
      mode: 'participant',
      // Only an explicit choice: otherwise the session takes the browser's default, as here.
      micDeviceId: micId || undefined,
      cameraDeviceId: cameraOff ? undefined : cameraId || undefined,
      micOn: !muted && hasMic,
      cameraOn: !cameraOff && hasCamera,
    });
    if (!joined) {
      setBusy(false);
      preview.restart();
    }
  };

  return (
    <section className="page live-prejoin" data-testid="prejoin" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>{t('prejoin.heading')}</h1>
      <p className="lead">{t('prejoin.intro')}</p>
      {error ? (
        <p role="alert" className="error-summary">
          {error}
        </p>
      ) : null}
      <div className="live-prejoin-grid">
        <div className="live-preview">
          {video ? (
            <MediaTrackView track={video} mirrored aria-label={t('prejoin.preview')} />
          ) : (
            <p className="live-preview-off">{t('prejoin.previewOff')}</p>
          )}
        </div>
        <div>
          <div role="status">
            {preview.pending && !known ? <p className="meta">{t('prejoin.starting')}</p> : null}
            {preview.problem ? (
              <p className="notice">{t(`prejoin.problems.${preview.problem}`)}</p>
            ) : null}
            {preview.stream && !cameraOff && !video ? <p>{t('prejoin.noCamera')}</p> : null}
            {preview.stream && !audio ? <p>{t('prejoin.noMicrophone')}</p> : null}
          </div>
          {preview.cameras.length > 0 && !cameraOff ? (
            <SelectField
              id={`${id}-camera`}
              label={t('prejoin.camera')}
              value={cameraValue}
              onChange={(event) => setCameraId(event.target.value)}
            >
              {preview.cameras.map((device, index) => (
                <option key={device.deviceId} value={device.deviceId}>
                  {device.label || t('prejoin.cameraNumber', { number: index + 1 })}
                </option>
              ))}
            </SelectField>
          ) : null}
          {preview.microphones.length > 0 ? (
            <SelectField
              id={`${id}-mic`}
              label={t('prejoin.microphone')}
              value={micValue}
              onChange={(event) => setMicId(event.target.value)}
            >
              {preview.microphones.map((device, index) => (
                <option key={device.deviceId} value={device.deviceId}>
                  {device.label || t('prejoin.microphoneNumber', { number: index + 1 })}
                </option>
              ))}
            </SelectField>
          ) : null}
          {audio ? (
            <div className="field">
              <label htmlFor={`${id}-level`}>{t('prejoin.level')}</label>
              <p className="field-hint">{t('prejoin.levelHint')}</p>
              <MicLevelMeter track={audio} id={`${id}-level`} />
            </div>
          ) : null}
          <CheckboxField
            id={`${id}-camera-off`}
            label={t('prejoin.cameraOff')}
            checked={cameraOff}
            onChange={(event) => setCameraOff(event.target.checked)}
            data-testid="camera-off"
          />
          <CheckboxField
            id={`${id}-muted`}
            label={t('prejoin.muted')}
            checked={muted}
            onChange={(event) => setMuted(event.target.checked)}
          />
          <p className="actions">
            <button
              type="button"
              className="join-button"
              data-testid="join-button"
              disabled={busy}
              onClick={() => void join()}
            >
              {t('prejoin.join')}
            </button>
          </p>
        </div>
      </div>
    </section>
  );
}
