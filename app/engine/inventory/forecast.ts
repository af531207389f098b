/**
 * Demand forecasts per SKU and region, with prediction intervals.
 *
 * No maintained npm library covers both seasonal exponential smoothing and the intermittent-demand
 * family (Croston, SBA, TSB), so these are small implementations of the textbook methods
 * (docs/decisions on forecasting records why). Each series gets the method with the lowest
 * rolling-origin MAE on its own history; the bench reports MASE relative to seasonal naive.
 *
 * References: Hyndman & Athanasopoulos, "Forecasting: Principles and Practice" 3rd ed. (ETS
 * recursions and the class-1 prediction-interval variances, ch. 8.7); Croston (1972);
 * Syntetos & Boylan (2005, the 1 - alpha/2 bias correction); Teunter, Syntetos & Babai (2011, TSB);
 * Syntetos, Boylan & Croston (2005, ADI > 1.32 for intermittent series).
 */

export type ForecastMethod =
  | "naive"
  | "seasonal-naive"
  | "ses"
  | "holt-winters"
  | "holt-winters-log"
  | "croston"
  | "sba"
  | "tsb";

export interface Forecast {
  method: ForecastMethod;
  /** Point forecast for each step ahead (units per period). */
  mean: number[];
  lower: number[];
  upper: number[];
  /** Coverage of [lower, upper], e.g. 0.8. */
  level: number;
}

export interface ForecastOptions {
  /** Periods in one season (12 for monthly data, 7 for daily, 1 for none). */
  seasonLength: number;
  horizon: number;
  /** Prediction interval coverage (default 0.8). */
  level?: number;
}

/** Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`quantile probability must be in (0, 1), got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

function checkSeries(history: readonly number[]): void {
  for (const value of history) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`demand must be finite and >= 0, got ${value}`);
  }
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length;
}

function rmse(errors: readonly number[]): number {
  return errors.length === 0 ? 0 : Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / errors.length);
}

function interval(point: number[], sd: number[], level: number, floorAtZero = true) {
  const z = normalQuantile(0.5 + level / 2);
  return {
    lower: point.map((p, i) => (floorAtZero ? Math.max(0, p - z * sd[i]!) : p - z * sd[i]!)),
    upper: point.map((p, i) => p + z * sd[i]!),
  };
}

// ---------------------------------------------------------------- benchmarks

/** Last season repeated; with seasonLength 1 it is the naive forecast. */
export function seasonalNaive(history: readonly number[], options: ForecastOptions): Forecast {
  checkSeries(history);
  const m = Math.max(1, Math.min(options.seasonLength, history.length));
  const level = options.level ?? 0.8;
  if (history.length === 0) throw new RangeError("cannot forecast an empty series");
  const errors: number[] = [];
  for (let t = m; t < history.length; t++) errors.push(history[t]! - history[t - m]!);
  const sigma = rmse(errors);
  const point: number[] = [];
  const sd: number[] = [];
  for (let h = 1; h <= options.horizon; h++) {
    point.push(history[history.length - m + ((h - 1) % m)]!);
    // Seasonal random walk: variance grows with the number of whole seasons ahead.
    sd.push(sigma * Math.sqrt(Math.floor((h - 1) / m) + 1));
  }
  return { method: m === 1 ? "naive" : "seasonal-naive", mean: point, ...interval(point, sd, level), level };
}

// ---------------------------------------------------------------- exponential smoothing

export interface EtsParameters {
  alpha: number;
  beta: number;
  gamma: number;
  /** Trend damping (1 = undamped). */
  phi: number;
}

interface EtsFit {
  params: EtsParameters;
  level: number;
  trend: number;
  season: number[];
  sse: number;
  residuals: number[];
}

/**
 * Additive Holt-Winters (ETS(A,Ad,A)) filtered through the series. Seasonal terms start from the
 * first full season's deviations from its mean; the level from that mean; the trend from the
 * difference between the first two seasons' means.
 */
function etsFilter(y: readonly number[], m: number, p: EtsParameters, seasonal: boolean, trended: boolean): EtsFit {
  const first = y.slice(0, m);
  let level = mean(first);
  let trend = 0;
  if (trended && y.length >= 2 * m) trend = (mean(y.slice(m, 2 * m)) - level) / m;
  const season = seasonal ? first.map((v) => v - level) : new Array(m).fill(0);
  // The first season set the state; start one step before it ends so the level sits at its end.
  level = level + (trended ? trend * (m - 1) / 2 : 0);
  let sse = 0;
  const residuals: number[] = [];
  for (let t = m; t < y.length; t++) {
    const s = season[t % m];
    const forecast = level + p.phi * trend + s;
    const error = y[t]! - forecast;
    residuals.push(error);
    sse += error * error;
    const previousLevel = level;
    level = previousLevel + p.phi * trend + p.alpha * error;
    if (trended) trend = p.phi * trend + p.beta * error;
    if (seasonal) season[t % m] = s + p.gamma * error;
  }
  // Rotate so season[i] is the term for step i+1 after the last observation.
  const n = y.length;
  const ahead = Array.from({ length: m }, (_, i) => season[(n + i) % m]);
  return { params: p, level, trend, season: ahead, sse, residuals };
}

const ALPHAS = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9];
const BETAS = [0.01, 0.05, 0.1, 0.2];
const GAMMAS = [0.01, 0.05, 0.1, 0.2, 0.3];
const PHIS = [0.9, 0.98, 1];

/** Grid search on one-step in-sample squared error: deterministic and cheap for short series. */
function fitEts(y: readonly number[], m: number, seasonal: boolean, trended: boolean): EtsFit {
  let best: EtsFit | undefined;
  for (const alpha of ALPHAS) {
    for (const beta of trended ? BETAS : [0]) {
      if (beta > alpha) continue;
      for (const gamma of seasonal ? GAMMAS : [0]) {
        if (gamma > 1 - alpha) continue;
        for (const phi of trended ? PHIS : [1]) {
          const fit = etsFilter(y, m, { alpha, beta, gamma, phi }, seasonal, trended);
          if (!best || fit.sse < best.sse) best = fit;
        }
      }
    }
  }
  return best!;
}

function etsForecast(fit: EtsFit, m: number, horizon: number): { point: number[]; sd: number[] } {
  const { alpha, beta, gamma, phi } = fit.params;
  const sigma = rmse(fit.residuals);
  const point: number[] = [];
  const sd: number[] = [];
  let dampSum = 0;
  let variance = 0;
  for (let h = 1; h <= horizon; h++) {
    dampSum += phi ** h;
    point.push(fit.level + dampSum * fit.trend + fit.season[(h - 1) % m]!);
    // Class-1 ETS variance: sigma^2 (1 + sum_{j<h} c_j^2), c_j = alpha + beta*phi_j + gamma*[j mod m = 0].
    if (h > 1) {
      const j = h - 1;
      let phiJ = 0;
      for (let k = 1; k <= j; k++) phiJ += phi ** k;
      const c = alpha + beta * phiJ + (j % m === 0 ? gamma : 0);
      variance += c * c;
    }
    sd.push(sigma * Math.sqrt(1 + variance));
  }
  return { point, sd };
}

/** Simple exponential smoothing (ETS(A,N,N)). */
export function simpleExponentialSmoothing(history: readonly number[], options: ForecastOptions): Forecast {
  checkSeries(history);
  if (history.length < 2) return seasonalNaive(history, { ...options, seasonLength: 1 });
  const fit = fitEts(history, 1, false, false);
  const { point, sd } = etsForecast(fit, 1, options.horizon);
  const level = options.level ?? 0.8;
  return { method: "ses", mean: point.map((v) => Math.max(0, v)), ...interval(point, sd, level), level };
}

/**
 * Holt-Winters with damped additive trend and additive seasonality. `log` fits it to log(1 + y),
 * which turns growing seasonal swings (December peaks that scale with the level) into additive
 * ones; the back-transformed point is the median, and the interval stays asymmetric as it should.
 */
export function holtWinters(history: readonly number[], options: ForecastOptions & { log?: boolean }): Forecast {
  checkSeries(history);
  const m = options.seasonLength;
  const level = options.level ?? 0.8;
  if (m < 2 || history.length < 2 * m + 2) {
    throw new RangeError(`Holt-Winters needs at least two seasons plus two periods (${2 * m + 2}), got ${history.length}`);
  }
  const y = options.log ? history.map((v) => Math.log1p(v)) : history;
  const fit = fitEts(y, m, true, true);
  const { point, sd } = etsForecast(fit, m, options.horizon);
  const bounds = interval(point, sd, level, !options.log);
  if (options.log) {
    return {
      method: "holt-winters-log",
      mean: point.map((v) => Math.expm1(v)),
      lower: bounds.lower.map((v) => Math.max(0, Math.expm1(v))),
      upper: bounds.upper.map((v) => Math.expm1(v)),
      level,
    };
  }
  return { method: "holt-winters", mean: point.map((v) => Math.max(0, v)), ...bounds, level };
}

// ---------------------------------------------------------------- intermittent demand

/** Average inter-demand interval (periods per non-zero demand); > 1.32 means intermittent. */
export function averageDemandInterval(history: readonly number[]): number {
  const nonZero = history.filter((v) => v > 0).length;
  return nonZero === 0 ? Infinity : history.length / nonZero;
}

const INTERMITTENT_ALPHAS = [0.05, 0.1, 0.2, 0.3];

interface IntermittentRun {
  rate: number;
  residuals: number[];
}

function crostonRun(y: readonly number[], alpha: number, correction: number): IntermittentRun {
  const firstIndex = y.findIndex((v) => v > 0);
  if (firstIndex < 0) return { rate: 0, residuals: y.map(() => 0) };
  let size = y[firstIndex]!;
  let intervalEstimate = firstIndex + 1;
  let sinceLast = 0;
  const residuals: number[] = [];
  for (let t = firstIndex + 1; t < y.length; t++) {
    residuals.push(y[t]! - correction * (size / intervalEstimate));
    sinceLast += 1;
    if (y[t]! > 0) {
      // Croston updates only when demand occurs: size and interval are smoothed separately.
      size += alpha * (y[t]! - size);
      intervalEstimate += alpha * (sinceLast - intervalEstimate);
      sinceLast = 0;
    }
  }
  return { rate: correction * (size / intervalEstimate), residuals };
}

function tsbRun(y: readonly number[], alpha: number, beta: number): IntermittentRun {
  const firstIndex = y.findIndex((v) => v > 0);
  if (firstIndex < 0) return { rate: 0, residuals: y.map(() => 0) };
  let size = y[firstIndex]!;
  // TSB smooths the probability of demand every period, so an item that stops selling decays.
  let probability = y.filter((v) => v > 0).length / y.length;
  const residuals: number[] = [];
  for (let t = firstIndex + 1; t < y.length; t++) {
    residuals.push(y[t]! - probability * size);
    const occurred = y[t]! > 0 ? 1 : 0;
    probability += beta * (occurred - probability);
    if (occurred) size += alpha * (y[t]! - size);
  }
  return { rate: probability * size, residuals };
}

function intermittentForecast(method: "croston" | "sba" | "tsb", run: IntermittentRun, options: ForecastOptions): Forecast {
  const level = options.level ?? 0.8;
  const sigma = rmse(run.residuals);
  const point = new Array(options.horizon).fill(run.rate);
  // A flat forecast: per-period uncertainty does not compound like a random walk's.
  const sd = new Array(options.horizon).fill(sigma);
  return { method, mean: point, ...interval(point, sd, level), level };
}

function bestRun(runs: IntermittentRun[]): IntermittentRun {
  return runs.reduce((best, run) => (rmse(run.residuals) < rmse(best.residuals) ? run : best));
}

/** Croston's method; `sba` applies the Syntetos-Boylan (1 - alpha/2) bias correction. */
export function croston(history: readonly number[], options: ForecastOptions & { variant?: "croston" | "sba" }): Forecast {
  checkSeries(history);
  const variant = options.variant ?? "croston";
  const runs = INTERMITTENT_ALPHAS.map((alpha) => crostonRun(history, alpha, variant === "sba" ? 1 - alpha / 2 : 1));
  return intermittentForecast(variant, bestRun(runs), options);
}

/** Teunter-Syntetos-Babai: demand probability and size smoothed separately. */
export function tsb(history: readonly number[], options: ForecastOptions): Forecast {
  checkSeries(history);
  const runs: IntermittentRun[] = [];
  for (const alpha of INTERMITTENT_ALPHAS) for (const beta of INTERMITTENT_ALPHAS) runs.push(tsbRun(history, alpha, beta));
  return intermittentForecast("tsb", bestRun(runs), options);
}

// ---------------------------------------------------------------- selection by backtest

export function forecastWith(method: ForecastMethod, history: readonly number[], options: ForecastOptions): Forecast {
  switch (method) {
    case "naive":
      return seasonalNaive(history, { ...options, seasonLength: 1 });
    case "seasonal-naive":
      return seasonalNaive(history, options);
    case "ses":
      return simpleExponentialSmoothing(history, options);
    case "holt-winters":
      return holtWinters(history, options);
    case "holt-winters-log":
      return holtWinters(history, { ...options, log: true });
    case "croston":
      return croston(history, options);
    case "sba":
      return croston(history, { ...options, variant: "sba" });
    case "tsb":
      return tsb(history, options);
  }
}

/** Methods worth trying for a series, by its shape (Syntetos-Boylan classification). */
export function candidateMethods(history: readonly number[], seasonLength: number): ForecastMethod[] {
  if (averageDemandInterval(history) > 1.32) return ["croston", "sba", "tsb", "ses"];
  const methods: ForecastMethod[] = ["ses"];
  if (seasonLength >= 2 && history.length >= 3 * seasonLength) methods.push("holt-winters", "holt-winters-log");
  methods.push(seasonLength >= 2 ? "seasonal-naive" : "naive");
  return methods;
}

export interface BacktestOptions extends ForecastOptions {
  /** Number of forecast origins, stepping back `step` periods each from the end. */
  origins: number;
  /** Periods between origins (default: horizon). */
  step?: number;
}

export interface BacktestResult {
  method: ForecastMethod | "auto";
  /** Mean absolute error over every origin and step. */
  mae: number;
  /** MAE scaled by the in-sample one-step seasonal-naive MAE of each training window (MASE). */
  mase: number;
  forecasts: number;
}

function seasonalNaiveScale(train: readonly number[], m: number): number {
  const lag = train.length > m ? m : 1;
  let sum = 0;
  for (let t = lag; t < train.length; t++) sum += Math.abs(train[t]! - train[t - lag]!);
  const scale = train.length > lag ? sum / (train.length - lag) : 0;
  return scale > 0 ? scale : 1;
}

/**
 * Rolling-origin evaluation: for each origin, fit on everything before it and forecast `horizon`
 * steps. `method` "auto" chooses per origin from the training window alone, so the figure is
 * honest about selection too.
 */
export function backtest(history: readonly number[], method: ForecastMethod | "auto", options: BacktestOptions): BacktestResult {
  checkSeries(history);
  const step = options.step ?? options.horizon;
  let absolute = 0;
  let scaled = 0;
  let count = 0;
  for (let k = options.origins; k >= 1; k--) {
    const origin = history.length - options.horizon - (k - 1) * step;
    if (origin < 2) continue;
    const train = history.slice(0, origin);
    const actual = history.slice(origin, origin + options.horizon);
    const chosen = method === "auto" ? selectMethod(train, { ...options, origins: Math.min(3, options.origins) }).method : method;
    let forecast: Forecast;
    try {
      forecast = forecastWith(chosen, train, { ...options, horizon: actual.length });
    } catch {
      forecast = seasonalNaive(train, { ...options, horizon: actual.length });
    }
    const scale = seasonalNaiveScale(train, options.seasonLength);
    actual.forEach((value, i) => {
      const error = Math.abs(value - forecast.mean[i]!);
      absolute += error;
      scaled += error / scale;
      count += 1;
    });
  }
  return { method, mae: count ? absolute / count : NaN, mase: count ? scaled / count : NaN, forecasts: count };
}

export interface Selection {
  method: ForecastMethod;
  scores: Array<{ method: ForecastMethod; mae: number }>;
}

/** The candidate with the lowest rolling-origin MAE on this series' own history. */
export function selectMethod(history: readonly number[], options: BacktestOptions): Selection {
  const candidates = candidateMethods(history, options.seasonLength);
  const scores: Array<{ method: ForecastMethod; mae: number }> = [];
  for (const method of candidates) {
    try {
      const result = backtest(history, method, options);
      if (result.forecasts > 0 && Number.isFinite(result.mae)) scores.push({ method, mae: result.mae });
    } catch {
      // A method that cannot fit this history (too short for two seasons) is simply not a candidate.
    }
  }
  if (scores.length === 0) return { method: options.seasonLength >= 2 && history.length >= options.seasonLength ? "seasonal-naive" : "naive", scores };
  scores.sort((a, b) => a.mae - b.mae);
  return { method: scores[0]!.method, scores };
}

export interface SeriesForecast extends Forecast {
  scores: Selection["scores"];
}

/** Choose by backtest, refit on the whole history, forecast with intervals. */
export function forecastDemand(history: readonly number[], options: ForecastOptions & { origins?: number }): SeriesForecast {
  checkSeries(history);
  if (history.length === 0) throw new RangeError("cannot forecast an empty series");
  const selection = selectMethod(history, { ...options, origins: options.origins ?? 3 });
  return { ...forecastWith(selection.method, history, options), scores: selection.scores };
}
