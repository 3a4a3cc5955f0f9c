//! A verb's time budget, and the backoff its retries use.
//!
//! Every verb that talks to a server runs against one [`Deadline`], set from `--timeout` when
//! the verb starts: connecting, discovery, registry transfers, applies, prunes and waits all
//! take their time from it, and retries stop when it runs out, so a verb never runs
//! unbounded (a server that accepts connections and never answers included).

use std::future::Future;
use std::time::{Duration, Instant};

/// The default time budget of a verb that talks to a registry or a cluster.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(300);

/// When a verb must be done by.
#[derive(Debug, Clone, Copy)]
pub struct Deadline {
    start: Instant,
    limit: Duration,
}

/// The deadline ran out (the caller names the server and what was waited for).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expired {
    /// How long the verb had.
    pub limit: Duration,
}

impl Deadline {
    /// A deadline `limit` from now.
    pub fn after(limit: Duration) -> Self {
        Deadline {
            start: Instant::now(),
            limit,
        }
    }

    /// The whole budget (what `--timeout` said).
    pub fn limit(&self) -> Duration {
        self.limit
    }

    /// Time left, zero once expired.
    pub fn remaining(&self) -> Duration {
        self.limit.saturating_sub(self.start.elapsed())
    }

    pub fn expired(&self) -> bool {
        self.remaining().is_zero()
    }

    /// Runs `fut` until it finishes or the deadline passes.
    pub async fn run<F: Future>(&self, fut: F) -> Result<F::Output, Expired> {
        tokio::time::timeout(self.remaining(), fut)
            .await
            .map_err(|_| Expired { limit: self.limit })
    }

    /// Sleeps `wait`, or fails at once when the deadline would pass first (a retry that
    /// cannot happen in time is not waited for).
    pub async fn sleep(&self, wait: Duration) -> Result<(), Expired> {
        if wait >= self.remaining() {
            return Err(Expired { limit: self.limit });
        }
        tokio::time::sleep(wait).await;
        Ok(())
    }
}

impl Default for Deadline {
    fn default() -> Self {
        Deadline::after(DEFAULT_TIMEOUT)
    }
}

/// Capped exponential backoff with jitter: each delay is drawn from [d/2, d], d doubling from
/// `first` up to `cap`, so clients retrying after one outage do not return in lockstep.
#[derive(Debug, Clone)]
pub struct Backoff {
    next: Duration,
    cap: Duration,
}

impl Backoff {
    pub fn new(first: Duration, cap: Duration) -> Self {
        Backoff { next: first, cap }
    }

    /// The next delay to wait.
    pub fn delay(&mut self) -> Duration {
        let d = self.next;
        self.next = (self.next * 2).min(self.cap);
        let half = d / 2;
        half + half.mul_f64(fastrand::f64())
    }
}

/// Parses durations like `90s`, `5m`, `1h30m` or a bare number of seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    if let Ok(secs) = s.parse::<u64>() {
        return Ok(Duration::from_secs(secs));
    }
    let bad = || format!("invalid duration {s:?} (use e.g. 90s, 5m, 1h30m)");
    let mut total = 0u64;
    let mut digits = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let n: u64 = digits.parse().map_err(|_| bad())?;
        digits.clear();
        total += n * match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            _ => return Err(bad()),
        };
    }
    if !digits.is_empty() || s.is_empty() {
        return Err(bad());
    }
    Ok(Duration::from_secs(total))
}

/// A duration as people write it: `5s`, `1m30s`, `250ms`.
pub fn human(d: Duration) -> String {
    let secs = d.as_secs();
    if secs == 0 {
        return format!("{}ms", d.as_millis());
    }
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if s > 0 || out.is_empty() {
        out.push_str(&format!("{s}s"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap_with_jitter() {
        let mut b = Backoff::new(Duration::from_millis(100), Duration::from_millis(400));
        let delays: Vec<Duration> = (0..5).map(|_| b.delay()).collect();
        let bounds = [100, 200, 400, 400, 400];
        for (d, max) in delays.iter().zip(bounds) {
            assert!(
                *d >= Duration::from_millis(max / 2) && *d <= Duration::from_millis(max),
                "{delays:?}"
            );
        }
    }

    #[test]
    fn durations_parse() {
        assert_eq!(parse_duration("90").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_duration("5m").unwrap(), Duration::from_secs(300));
        assert_eq!(parse_duration("1h30m").unwrap(), Duration::from_secs(5400));
        assert_eq!(parse_duration("2s").unwrap(), Duration::from_secs(2));
        assert!(parse_duration("5x").is_err());
        assert!(parse_duration("m").is_err());
        assert!(parse_duration("").is_err());
    }

    #[test]
    fn durations_read_as_written() {
        assert_eq!(human(Duration::from_secs(5)), "5s");
        assert_eq!(human(Duration::from_secs(90)), "1m30s");
        assert_eq!(human(Duration::from_secs(3600)), "1h");
        assert_eq!(human(Duration::from_millis(250)), "250ms");
    }

    #[tokio::test]
    async fn a_deadline_bounds_a_future_and_refuses_a_late_sleep() {
        let d = Deadline::after(Duration::from_millis(50));
        let r = d.run(tokio::time::sleep(Duration::from_secs(10))).await;
        assert_eq!(
            r,
            Err(Expired {
                limit: Duration::from_millis(50)
            })
        );
        assert!(d.expired());
        assert!(d.sleep(Duration::from_millis(1)).await.is_err());
        let d = Deadline::after(Duration::from_secs(10));
        assert_eq!(d.run(async { 7 }).await, Ok(7));
    }
}
