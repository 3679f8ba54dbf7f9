//! Independent jobs on a few threads: at most `parallel` at a time, results in the order of
//! the jobs. Plain scoped std threads over the blocking client; nothing async. The fleet
//! reader and the desired-state commands share it.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Run `work` on every job, at most `parallel` at once. `done` hears of each result as it
/// comes (from the worker that made it), for a progress line.
pub fn run<J: Sync, R: Send>(
    jobs: &[J],
    parallel: usize,
    work: impl Fn(&J) -> R + Sync,
    done: impl Fn(&R) + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new(jobs.iter().map(|_| None).collect());
    let worker = || {
        loop {
            let index = next.fetch_add(1, Ordering::SeqCst);
            let Some(job) = jobs.get(index) else { break };
            let result = work(job);
            done(&result);
            results.lock().unwrap_or_else(std::sync::PoisonError::into_inner)[index] = Some(result);
        }
    };
    std::thread::scope(|scope| {
        for _ in 0..parallel.clamp(1, jobs.len().max(1)) {
            scope.spawn(worker);
        }
    });
    results
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .into_iter()
        .map(|result| result.expect("every job ran"))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;
    use std::sync::{Barrier, Mutex};

    use super::*;

    #[test]
    fn results_keep_the_order_of_the_jobs_and_each_job_runs_once() {
        let jobs: Vec<u32> = (0..50).collect();
        let heard = Mutex::new(Vec::new());
        let results = run(&jobs, 8, |job| job * 2, |result| heard.lock().unwrap().push(*result));
        assert_eq!(results, jobs.iter().map(|job| job * 2).collect::<Vec<_>>());
        let mut heard = heard.into_inner().unwrap();
        heard.sort_unstable();
        assert_eq!(heard, results);
    }

    #[test]
    fn no_more_than_parallel_jobs_run_at_once_and_that_many_do() {
        let (now, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
        // Each wave of four waits for the others, so four run together and no fifth can join.
        let barrier = Barrier::new(4);
        let jobs: Vec<u32> = (0..16).collect();
        run(
            &jobs,
            4,
            |_| {
                let running = now.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(running, Ordering::SeqCst);
                barrier.wait();
                now.fetch_sub(1, Ordering::SeqCst);
                barrier.wait();
            },
            |()| {},
        );
        assert_eq!(most.load(Ordering::SeqCst), 4);
        assert!(run(&[] as &[u32], 4, |job| *job, |_| {}).is_empty());
    }

    #[test]
    fn the_client_can_be_shared_by_the_workers() {
        fn shared<T: Sync>() {}
        shared::<crate::client::Client>();
    }
}
