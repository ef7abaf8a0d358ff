import { useId, useState } from 'react';
import { funnelFormatters, type FunnelFormatters } from '@/lib/funnel/format';
import type { PipelineStats, StageStats, StaleDeal } from '@/lib/funnel/pipeline';
import { funnelMessages } from '@/lib/i18n/messages/funnel';
import { useLocale, useMessages } from '../i18n';

export interface PipelineFunnelProps {
  /** From `computePipelineStats`. */
  stats: PipelineStats;
  /** How many stale deals to list under the picture. */
  maxStale?: number;
  onOpenDeal?: (deal: StaleDeal) => void;
}

const VIEW_WIDTH = 320;
const BAND_HEIGHT = 44;
const GAP = 24;
const MIN_BAND_WIDTH = 150;
const MAX_BAND_WIDTH = 300;
/** Each band narrows a little toward its bottom, so the stack reads as a funnel. */
const TAPER = 0.9;

function amountText(stage: StageStats, base: string | null, format: FunnelFormatters, t: typeof funnelMessages.en): string {
  if (stage.count === 0) return '';
  if (base !== null && stage.convertedAmount !== null) return format.money(stage.convertedAmount, base);
  const [first, ...others] = stage.amounts;
  if (!first) return t.pipelineNoAmount;
  return others.length > 0 ? `${format.money(first.amount, first.currency)} ${t.pipelineAmountOther(others.length)}` : format.money(first.amount, first.currency);
}

/** The pipeline as a funnel: a band per stage sized by its deal count, conversion between them, stale deals marked. */
export function PipelineFunnel({ stats, maxStale = 5, onOpenDeal }: PipelineFunnelProps) {
  const t = useMessages(funnelMessages);
  const locale = useLocale();
  const format = funnelFormatters(locale);
  const [showAllStale, setShowAllStale] = useState(false);
  const headingId = useId();
  const titleId = useId();
  const descId = useId();
  const base = stats.currency.base;
  const maxCount = Math.max(1, ...stats.stages.map((stage) => stage.count));
  const height = stats.stages.length * BAND_HEIGHT + (stats.stages.length - 1) * GAP + 8;

  const stageLines = stats.stages.map((stage) => {
    const line = t.pipelineStage(t.stageName(stage.stage), stage.count, amountText(stage, base, format, t) || t.pipelineNoAmount);
    return stage.staleCount > 0 ? `${line} (${t.pipelineStale(stage.staleCount)})` : line;
  });
  const conversionLines = stats.conversions.map((conversion) =>
    conversion.rate === null
      ? t.pipelineConversionNone(t.stageName(conversion.from), t.stageName(conversion.to))
      : t.pipelineConversion(t.stageName(conversion.from), t.stageName(conversion.to), format.percent(conversion.rate)),
  );
  const summary = t.pipelineSummary(stats.openCount, stats.stale.length);

  return (
    <section className="sn-card sn-pipeline" aria-labelledby={headingId}>
      <h2 id={headingId} className="sn-section-title">
        {t.pipelineTitle}
      </h2>
      {stats.totalCount === 0 ? (
        <p className="sn-muted">{t.pipelineEmpty}</p>
      ) : (
        <>
          <p className="sn-hint">{summary}</p>
          <svg className="sn-pipeline__svg" viewBox={`0 0 ${VIEW_WIDTH} ${height}`} role="img" aria-labelledby={titleId} aria-describedby={descId}>
            <title id={titleId}>{t.pipelineTitle}</title>
            <desc id={descId}>{[summary, ...stageLines, ...conversionLines].join(' ')}</desc>
            {stats.stages.map((stage, index) => {
              const width = MIN_BAND_WIDTH + (MAX_BAND_WIDTH - MIN_BAND_WIDTH) * (stage.count / maxCount);
              const bottom = width * TAPER;
              const top = index * (BAND_HEIGHT + GAP) + 4;
              const center = VIEW_WIDTH / 2;
              const points = [
                [center - width / 2, top],
                [center + width / 2, top],
                [center + bottom / 2, top + BAND_HEIGHT],
                [center - bottom / 2, top + BAND_HEIGHT],
              ]
                .map(([x, y]) => `${x!.toFixed(1)},${y!.toFixed(1)}`)
                .join(' ');
              const conversion = stats.conversions[index];
              return (
                <g key={stage.stage} className={`sn-pipeline__stage sn-pipeline__stage--${stage.stage}${stage.staleCount > 0 ? ' sn-pipeline__stage--stale' : ''}`}>
                  <polygon className="sn-pipeline__band" points={points} />
                  <text className="sn-pipeline__label" x={center} y={top + 18} textAnchor="middle">
                    {t.stageName(stage.stage)} · {format.number(stage.count)}
                  </text>
                  <text className="sn-pipeline__amount" x={center} y={top + 34} textAnchor="middle">
                    {amountText(stage, base, format, t)}
                  </text>
                  {stage.staleCount > 0 && (
                    <text className="sn-pipeline__stale" x={center + width / 2 - 6} y={top + 12} textAnchor="end">
                      ⚠ {t.pipelineStale(stage.staleCount)}
                    </text>
                  )}
                  {conversion && (
                    <text className="sn-pipeline__conversion" x={center} y={top + BAND_HEIGHT + GAP / 2 + 4} textAnchor="middle">
                      ↓ {conversion.rate === null ? '—' : format.percent(conversion.rate)}
                    </text>
                  )}
                </g>
              );
            })}
          </svg>
          {stats.lost.count > 0 && <p className="sn-hint">{t.pipelineLost(stats.lost.count)}</p>}
          {stats.stale.length > 0 && (
            <div className="sn-pipeline__stale-list">
              <h3 className="sn-pipeline__stale-title">{t.pipelineStaleList}</h3>
              <ul className="sn-list">
                {(showAllStale ? stats.stale : stats.stale.slice(0, maxStale)).map((deal) => {
                  const line = t.pipelineStaleDeal(deal.name, t.stageName(deal.stage), deal.daysSinceTouch, deal.cadenceDays);
                  return (
                    <li key={deal.dealId} className="sn-list__item">
                      {onOpenDeal ? (
                        <button type="button" className="sn-link" aria-label={`${t.pipelineOpenDeal(deal.name)}: ${line}`} onClick={() => onOpenDeal(deal)}>
                          {line}
                        </button>
                      ) : (
                        <span>{line}</span>
                      )}
                    </li>
                  );
                })}
              </ul>
              {stats.stale.length > maxStale && (
                <button type="button" className="sn-link" aria-expanded={showAllStale} onClick={() => setShowAllStale((value) => !value)}>
                  {showAllStale ? t.showFewer : t.showMore(stats.stale.length - maxStale)}
                </button>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
