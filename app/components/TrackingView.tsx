import type { TrackingPageModel } from "~/integrations/tracking/page.server";

const CSS = `
.bl-track{max-width:720px;margin:0 auto;padding:24px 16px;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Hiragino Sans","Noto Sans JP",sans-serif;color:#202223}
.bl-track header{display:flex;align-items:center;gap:12px;padding:14px 18px;border-radius:10px;color:#fff}
.bl-track header img{height:32px}
.bl-track h1{font-size:24px;margin:22px 0 6px}
.bl-track .bl-meta{color:#616161;margin:0 0 18px}
.bl-track .bl-bar{height:10px;border-radius:5px;background:#e3e3e3;overflow:hidden}
.bl-track .bl-bar>div{height:100%;border-radius:5px}
.bl-track ol.bl-steps{display:flex;justify-content:space-between;list-style:none;padding:0;margin:10px 0 24px;font-size:13px;color:#8a8a8a}
.bl-track ol.bl-steps li[data-done="true"]{color:#202223;font-weight:600}
.bl-track dl{display:grid;grid-template-columns:minmax(140px,1fr) 2fr;gap:10px 16px;margin:0 0 24px;padding:16px;border:1px solid #e3e3e3;border-radius:10px}
.bl-track dt{color:#616161}.bl-track dd{margin:0;font-weight:600}
.bl-track h2{font-size:18px;margin:0 0 10px}
.bl-track ol.bl-timeline{list-style:none;padding:0;margin:0;border-left:2px solid #e3e3e3}
.bl-track ol.bl-timeline li{position:relative;padding:0 0 16px 18px}
.bl-track ol.bl-timeline li::before{content:"";position:absolute;left:-7px;top:4px;width:12px;height:12px;border-radius:6px;background:#c9c9c9}
.bl-track ol.bl-timeline li:first-child::before{background:var(--bl-brand)}
.bl-track time{display:block;font-size:13px;color:#616161}
.bl-track a.bl-return{display:inline-block;margin:8px 0 24px;padding:12px 20px;border-radius:8px;color:#fff;text-decoration:none;font-weight:600}
`;

/** The buyer's tracking page body: the same markup on the standalone page and inside the shop's theme. */
export function TrackingView({ model }: { model: TrackingPageModel }) {
  const t = model.text;
  const brand = { "--bl-brand": model.brand.color } as React.CSSProperties;
  return (
    <div className="bl-track" style={brand} lang={model.locale} data-testid="tracking-page">
      <style dangerouslySetInnerHTML={{ __html: CSS }} />
      <header style={{ background: model.brand.color }}>
        {model.brand.logoUrl ? <img src={model.brand.logoUrl} alt={model.brand.name} /> : <strong>{model.brand.name}</strong>}
      </header>
      <h1 data-testid="tracking-headline">{model.headline}</h1>
      <p className="bl-meta">
        {model.orderName ? `${t.order} ${model.orderName} · ` : ""}
        {model.carrier} {model.trackingNumber}
      </p>
      <div className="bl-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={model.progress} aria-label={model.headline}>
        <div style={{ width: `${model.progress}%`, background: model.brand.color }} />
      </div>
      <ol className="bl-steps">
        {model.milestones.map((m) => (
          <li key={m.label} data-done={m.done}>
            {m.done ? "✓ " : ""}
            {m.label}
          </li>
        ))}
      </ol>
      {model.returnUrl ? (
        <a className="bl-return" href={model.returnUrl} style={{ background: model.brand.color }} data-testid="return-button">
          {t.startReturn}
        </a>
      ) : null}
      <dl>
        <dt>{model.windowLabel}</dt>
        <dd data-testid="delivery-window">{model.window}</dd>
        {model.customs.crossesBorder ? (
          <>
            <dt>{t.customs}</dt>
            <dd data-testid="customs-status">{model.customs.text}</dd>
          </>
        ) : null}
        {model.duties ? (
          <>
            <dt>{t.duties}</dt>
            <dd data-testid="duties">{model.duties}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t.timeline}</h2>
      {model.events.length === 0 ? (
        <p>{t.noEvents}</p>
      ) : (
        <ol className="bl-timeline" data-testid="timeline">
          {model.events.map((e) => (
            <li key={`${e.at}-${e.description}`} data-stage={e.stage}>
              <time dateTime={e.at}>{e.when}</time>
              {e.description}
              {e.location ? ` · ${e.location}` : ""}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
