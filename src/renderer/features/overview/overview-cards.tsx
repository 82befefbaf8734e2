/**
 * The Overview's cards: the reconciliation verdict (the same words as the Reconciliation view) and the
 * unreviewed high-severity incidents of the correlation (as the Findings tab counts them), each with a
 * button that opens its view.
 */
import { useEffect, useMemo } from 'react';
import { chainKeyOf } from '../../../core/recon/types';
import { useNavigation } from '../../state/navigation-store';
import { useCorrelation } from '../findings/correlation-store';
import { unreviewedHighCount } from '../findings/incident-filters';
import { useIncidentReviews } from '../findings/incident-reviews-store';
import { allGreen, pendingDownload, verdictText } from '../reconciliation/chain-status-text';
import { useReconciliation } from '../reconciliation/reconciliation-store';

type Tone = 'ok' | 'warn' | 'bad' | 'none';

function Card({ title, tone, text, button, onOpen }: { title: string; tone: Tone; text: string; button: string; onOpen: () => void }) {
  const id = `overview-card-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <article className={`overview-card overview-card--${tone}`} aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <p className="overview-card-text" role="status">
        {text}
      </p>
      <button type="button" className="button" onClick={onOpen}>
        {button}
      </button>
    </article>
  );
}

export function ReconciliationCard({ accountKeys }: { readonly accountKeys: readonly string[] }) {
  const open = useNavigation((s) => s.open);
  const rec = useReconciliation();
  const walletFindings = Object.values(rec.wallet).flatMap((w) => w.outcome?.findings ?? []);
  const { text, tone } = useMemo(() => {
    const outcome = rec.outcome;
    if (outcome === null) {
      if (rec.error !== null) return { text: `The check failed: ${rec.error}`, tone: 'bad' as Tone };
      return { text: 'Checking every balance chain…', tone: 'none' as Tone };
    }
    const statuses = outcome.statuses.filter((s) => accountKeys.includes(s.chain.accountKey));
    const findings = [...outcome.findings, ...rec.tieOutFindings, ...walletFindings].filter((f) => accountKeys.includes(f.chain.accountKey));
    const attention = findings.filter((f) => f.severity !== 'info').length;
    const green = statuses.length > 0 && attention === 0 && allGreen(statuses, rec.tieOuts, chainKeyOf);
    const accessLogsPending = outcome.accessLogsNotDownloaded.filter((key) => accountKeys.includes(key)).length;
    if (statuses.length === 0) return { text: 'Nothing synced yet: sync an account and every balance chain is checked.', tone: 'none' as Tone };
    const pending = statuses.some((s) => pendingDownload(s) !== null);
    return { text: verdictText(statuses, attention, green, accessLogsPending), tone: (green ? 'ok' : pending ? 'warn' : 'bad') as Tone };
  }, [rec.outcome, rec.error, rec.tieOuts, rec.tieOutFindings, walletFindings.length, accountKeys]);
  return <Card title="Reconciliation" tone={tone} text={text} button="Open Reconciliation" onOpen={() => open('reconciliation')} />;
}

export function FindingsCard() {
  const open = useNavigation((s) => s.open);
  const correlation = useCorrelation();
  const reviews = useIncidentReviews((s) => s.reviews);
  useEffect(() => {
    if (!useIncidentReviews.getState().loaded) void useIncidentReviews.getState().load();
  }, []);
  const outcome = correlation.outcome;
  let text: string;
  let tone: Tone;
  if (outcome === null) {
    text = correlation.error !== null ? `Correlation failed: ${correlation.error}` : 'Correlating money movements with login events…';
    tone = correlation.error !== null ? 'bad' : 'none';
  } else {
    const high = unreviewedHighCount(outcome.incidents, reviews);
    const all = outcome.incidents.length;
    const movements = `${outcome.movementCount.toLocaleString('en-US')} money ${outcome.movementCount === 1 ? 'movement' : 'movements'}`;
    const inAll = `${all.toLocaleString('en-US')} ${all === 1 ? 'incident' : 'incidents'} in all`;
    text =
      high === 0
        ? `No unreviewed high-severity incidents (${all === 0 ? 'nothing suspicious' : inAll}) across ${movements}.`
        : `${high} unreviewed high-severity ${high === 1 ? 'incident needs' : 'incidents need'} review (${inAll}) across ${movements}.`;
    tone = high === 0 ? 'ok' : 'bad';
  }
  return <Card title="Findings" tone={tone} text={text} button="Open Findings" onOpen={() => open('findings')} />;
}
