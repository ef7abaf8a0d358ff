import { useId } from 'react';
import { funnelFormatters } from '@/lib/funnel/format';
import { explainHealthTrend } from '@/lib/funnel/explain';
import { HEALTH_INPUT_KEYS, HEALTH_WEIGHTS_PERCENT, HEALTHY_MIN_SCORE, WATCH_MIN_SCORE, computeHealthScore, healthTrendOf } from '@/lib/funnel/health';
import { funnelMessages } from '@/lib/i18n/messages/funnel';
import type { HealthInputs } from '@/lib/schemas';
import { useLocale, useMessages } from '../i18n';

export interface HealthGaugeProps {
  /** The account's `health` inputs; null when never measured. */
  health: HealthInputs | null;
  /** Earlier measurements (`account.healthHistory`), for the trend since the last one. */
  history?: readonly HealthInputs[];
}

const CX = 60;
const CY = 58;
const R = 46;

/** A point on the half circle: 0 at the left end, 100 at the right. */
function pointAt(score: number): [number, number] {
  const angle = Math.PI * (1 - Math.min(100, Math.max(0, score)) / 100);
  return [CX + R * Math.cos(angle), CY - R * Math.sin(angle)];
}

function arc(from: number, to: number): string {
  const [x1, y1] = pointAt(from);
  const [x2, y2] = pointAt(to);
  return `M ${x1.toFixed(2)} ${y1.toFixed(2)} A ${R} ${R} 0 0 1 ${x2.toFixed(2)} ${y2.toFixed(2)}`;
}

/** The health score on a half-circle gauge, with its band in words and what each input adds. */
export function HealthGauge({ health, history }: HealthGaugeProps) {
  const t = useMessages(funnelMessages);
  const locale = useLocale();
  const format = funnelFormatters(locale);
  const labelId = useId();
  const result = health ? computeHealthScore(health) : null;
  const trend = health ? healthTrendOf(health, history) : null;
  const valueText = result ? t.healthValue(format.score(result.score), t.bandName(result.band)) : t.healthNotMeasured;
  return (
    <div className={`sn-gauge${result ? ` sn-gauge--${result.band}` : ' sn-gauge--none'}`}>
      <span id={labelId} className="sn-label">
        {t.healthLabel}
      </span>
      <svg className="sn-gauge__svg" viewBox="0 0 120 68" role="img" aria-labelledby={labelId} aria-describedby={`${labelId}-value`}>
        <path className="sn-gauge__zone sn-gauge__zone--atRisk" d={arc(0, WATCH_MIN_SCORE)} />
        <path className="sn-gauge__zone sn-gauge__zone--watch" d={arc(WATCH_MIN_SCORE, HEALTHY_MIN_SCORE)} />
        <path className="sn-gauge__zone sn-gauge__zone--healthy" d={arc(HEALTHY_MIN_SCORE, 100)} />
        {result && result.score > 0 && <path className="sn-gauge__value" d={arc(0, result.score)} />}
        {result && <circle className="sn-gauge__needle" cx={pointAt(result.score)[0]} cy={pointAt(result.score)[1]} r={4} />}
        <text className="sn-gauge__score" x={CX} y={CY - 4} textAnchor="middle">
          {result ? format.score(result.score) : '—'}
        </text>
      </svg>
      <span id={`${labelId}-value`} className="sn-gauge__band">
        {valueText}
      </span>
      {trend && (
        <span className="sn-gauge__trend" data-testid="health-trend">
          {explainHealthTrend(trend, locale)}
        </span>
      )}
      {result && health && (
        <details className="sn-gauge__details">
          <summary>{t.healthMeasuredOn(format.calendarDate(health.measuredOn))}</summary>
          <ul className="sn-gauge__inputs">
            {HEALTH_INPUT_KEYS.map((key) => (
              <li key={key} className={key === result.weakest ? 'sn-gauge__input sn-gauge__input--weakest' : 'sn-gauge__input'}>
                {t.healthContribution(t.healthInputName(key), format.score(result.contributions[key]), HEALTH_WEIGHTS_PERCENT[key])}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
