"""The statistics the JMH report scripts share (bench/run-jmh.sh, bench/run-http-jmh.sh)."""
import math

BAR = 1.02
CONFIDENCE = 0.999  # JMH's own confidence level for its error bars


def betacf(a, b, x):
    # Continued fraction of the regularized incomplete beta function (modified Lentz).
    tiny, c, d = 1e-300, 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        for num in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                    -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1 + num * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + num / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1) < 1e-15:
            break
    return h


def regularized_beta(a, b, x):
    if x <= 0 or x >= 1:
        return 0.0 if x <= 0 else 1.0
    front = math.exp(a * math.log(x) + b * math.log(1 - x)
                     - math.lgamma(a) - math.lgamma(b) + math.lgamma(a + b))
    if x < (a + 1) / (a + b + 2):
        return front * betacf(a, b, x) / a
    return 1 - front * betacf(b, a, 1 - x) / b


def t_cdf(t, df):
    tail = regularized_beta(df / 2, 0.5, df / (df + t * t))  # P(|T| > |t|)
    return 1 - tail / 2 if t > 0 else tail / 2


def t_quantile(p, df):
    low, high = 0.0, 1e4
    for _ in range(200):
        mid = (low + high) / 2
        low, high = (mid, high) if t_cdf(mid, df) < p else (low, mid)
    return (low + high) / 2


def mean_interval(values):
    # Student t interval of the mean at JMH's confidence level; NaN half-width below 2 values.
    n = len(values)
    mean = sum(values) / n
    if n < 2:
        return mean, float("nan")
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    return mean, t_quantile(1 - (1 - CONFIDENCE) / 2, n - 1) * sd / math.sqrt(n)


def verdict_of(low, high):
    if math.isnan(low) or math.isnan(high):
        return "not established (no error bar: too few iterations)"
    if high <= BAR:
        return "met"
    if low > BAR:
        return "not met"
    return "not established"
