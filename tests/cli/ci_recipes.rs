//! docs/ci.md's recipes, run: the shell steps of every GitHub Actions and GitLab CI job, in
//! order, against the stand-in with a CI account in the environment, each job in a directory
//! of its own (its checkout) and the plan handed from the plan job to the apply job as the CI
//! system hands an artifact. Steps that install rocketctl are skipped (the tests use the binary
//! they built); `uses:` steps have no shell.
//!
//! The recipes are read with a small reader that knows the two shapes docs/ci.md writes: a
//! GitHub step's `run:` (one line or a `|` block) and a GitLab job's one-line `script:` items.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::common::{PASSWORD, TestEnv, ran};
use crate::support::{Mode, User};

/// A job: its name and the shell of each step, in order.
#[derive(Debug)]
struct Job {
    name: String,
    steps: Vec<String>,
}

fn ci_md() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/ci.md")).unwrap()
}

/// The fenced blocks of a language, in order.
fn blocks(markdown: &str, lang: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match &mut current {
            None if line.trim_end() == format!("```{lang}") => current = Some(String::new()),
            Some(_) if line.trim_end() == "```" => blocks.extend(current.take()),
            Some(text) => {
                text.push_str(line);
                text.push('\n');
            }
            None => {}
        }
    }
    blocks
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// A GitHub workflow's jobs: the keys under `jobs:`, each step's `run:`.
fn github_jobs(workflow: &str) -> Vec<Job> {
    let lines: Vec<&str> = workflow.lines().collect();
    let mut jobs: Vec<Job> = Vec::new();
    let mut in_jobs = false;
    let mut step_name = String::new();
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        let text = line.trim();
        index += 1;
        if indent(line) == 0 {
            in_jobs = text == "jobs:";
            continue;
        }
        if !in_jobs || text.is_empty() {
            continue;
        }
        if indent(line) == 2 && text.ends_with(':') {
            jobs.push(Job { name: text.trim_end_matches(':').to_owned(), steps: Vec::new() });
            continue;
        }
        // A step starts with `- `; its keys follow on lines of their own.
        let text = match text.strip_prefix("- ") {
            Some(first_key) => {
                step_name.clear();
                first_key
            }
            None => text,
        };
        if let Some(name) = text.strip_prefix("name:") {
            step_name = name.trim().to_owned();
        }
        let Some(run) = text.strip_prefix("run:") else { continue };
        let script = if run.trim() == "|" {
            let body_indent = lines.get(index).map_or(0, |line| indent(line));
            let mut body = String::new();
            while index < lines.len()
                && (lines[index].trim().is_empty() || indent(lines[index]) >= body_indent)
            {
                body.push_str(lines[index].get(body_indent..).unwrap_or_default());
                body.push('\n');
                index += 1;
            }
            body
        } else {
            format!("{}\n", run.trim())
        };
        if step_name != "Install rocketctl"
            && let Some(job) = jobs.last_mut()
        {
            job.steps.push(script);
        }
    }
    jobs
}

/// A GitLab pipeline's jobs: top-level keys with a `script:`, its one-line items.
fn gitlab_jobs(pipeline: &str) -> Vec<Job> {
    let mut jobs: Vec<Job> = Vec::new();
    let mut in_script = false;
    for line in pipeline.lines() {
        let text = line.trim();
        if indent(line) == 0 && text.ends_with(':') {
            jobs.push(Job { name: text.trim_end_matches(':').to_owned(), steps: Vec::new() });
            in_script = false;
        } else if indent(line) == 2 {
            in_script = text == "script:";
        } else if let (true, Some(item)) = (in_script, text.strip_prefix("- ")) {
            jobs.last_mut().expect("a script belongs to a job").steps.push(format!("{item}\n"));
        }
    }
    jobs.retain(|job| !job.steps.is_empty());
    jobs
}

/// The stand-in with a CI account (an administrator) and its credentials.
struct Ci {
    env: TestEnv,
    user_id: String,
    token: String,
    accounts: String,
}

impl Ci {
    fn new() -> Self {
        let env = TestEnv::new(Mode::V8);
        let user_id = env.server.add_user(User::new("ci-admin", PASSWORD).with_roles(&["admin"]));
        let token = env.server.token_for("ci-admin");
        let accounts = blocks(&ci_md(), "toml").into_iter().next().expect("docs/ci.md's file");
        // The file names the server it is for: here, the stand-in.
        let accounts = accounts.replace("https://chat.example.com", &env.server.url());
        Self { env, user_id, token, accounts }
    }

    /// A job's checkout: a directory with accounts.toml, and the artifacts handed to it.
    fn checkout(&self, name: &str, artifacts: &[&Path]) -> PathBuf {
        let dir = self.env.home.path().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("accounts.toml"), &self.accounts).unwrap();
        for artifact in artifacts {
            std::fs::copy(artifact, dir.join(artifact.file_name().unwrap())).unwrap();
        }
        dir
    }

    /// Run a job's steps in `dir` as the CI runner would (`bash -e`), stopping at the first
    /// that fails: its exit code and everything the job printed.
    fn run(&self, job: &Job, dir: &Path) -> (i32, String) {
        let mut log = String::new();
        for step in &job.steps {
            let output = self
                .env
                .script_process(Path::new("bash"))
                .args(["--noprofile", "--norc", "-e", "-o", "pipefail", "-c", step])
                .current_dir(dir)
                .env("ROCKETCHAT_URL", self.env.server.url())
                .env("ROCKETCHAT_USER_ID", &self.user_id)
                .env("ROCKETCHAT_AUTH_TOKEN", &self.token)
                .stdout(Stdio::piped())
                .output()
                .expect("bash runs");
            let step_ran = ran(&output);
            log.push_str(&step_ran.stdout);
            log.push_str(&step_ran.stderr);
            if step_ran.code != 0 {
                return (step_ran.code, log);
            }
        }
        (0, log)
    }

    /// Someone changes the release bot's name on the server.
    fn drift(&self, name: &str) {
        let mut state = self.env.server.state();
        let bot = state.users.iter_mut().find(|u| u.username == "release-bot").unwrap();
        bot.name = name.to_owned();
    }
}

fn job<'a>(jobs: &'a [Job], name: &str) -> &'a Job {
    jobs.iter().find(|job| job.name == name).unwrap_or_else(|| panic!("no job {name}: {jobs:?}"))
}

/// The pull request's plan, the main branch's plan and apply, and the nightly drift check:
/// `pr`, `plan`, `apply` and `drift` from whichever CI system's recipe.
fn the_three_jobs_work(pr: &Job, plan: &Job, apply: &Job, drift: &Job) {
    let ci = Ci::new();
    let (code, log) = ci.run(pr, &ci.checkout("pr", &[]));
    assert_eq!(code, 0, "the pull request's plan: {log}");
    assert!(log.contains("+ users.release-bot (create)"), "the plan is in the log: {log}");
    assert!(ci.env.server.state().find_by_username("release-bot").is_none(), "a plan only");

    let plan_dir = ci.checkout("plan", &[]);
    let (code, log) = ci.run(plan, &plan_dir);
    assert_eq!(code, 0, "the main branch's plan: {log}");
    let approved = plan_dir.join("plan.json");
    let (code, log) = ci.run(apply, &ci.checkout("apply", &[&approved]));
    assert_eq!(code, 0, "the apply job: {log}");
    assert!(ci.env.server.state().find_by_username("release-bot").is_some(), "{log}");
    let holders = ci.env.server.state().permissions["create-personal-access-tokens"].clone();
    assert!(holders.contains(&"bot".to_owned()), "{holders:?}");

    let (code, log) = ci.run(drift, &ci.checkout("drift", &[]));
    assert_eq!(code, 0, "no drift right after apply: {log}");
    ci.drift("Renamed By Hand");
    let (code, log) = ci.run(drift, &ci.checkout("drift-2", &[]));
    assert_eq!(code, 10, "drift is exit 10: {log}");
    assert!(log.contains("users.release-bot.name"), "{log}");

    // A plan approved while the server moves on is not carried out.
    let plan_dir = ci.checkout("plan-2", &[]);
    let (code, log) = ci.run(plan, &plan_dir);
    assert_eq!(code, 0, "{log}");
    ci.drift("Renamed Again");
    let (code, log) = ci.run(apply, &ci.checkout("apply-2", &[&plan_dir.join("plan.json")]));
    assert_eq!(code, 11, "a stale plan: {log}");
    assert_eq!(ci.env.server.user("release-bot").name, "Renamed Again");
}

#[test]
fn the_github_actions_recipes_run() {
    let workflows = blocks(&ci_md(), "yaml");
    let named = |name: &str| {
        let workflow = workflows
            .iter()
            .find(|text| text.starts_with(&format!("name: {name}\n")))
            .unwrap_or_else(|| panic!("docs/ci.md has the workflow `{name}`"));
        github_jobs(workflow)
    };
    let (pr, main, nightly) =
        (named("accounts plan"), named("accounts apply"), named("accounts drift"));
    the_three_jobs_work(
        job(&pr, "plan"),
        job(&main, "plan"),
        job(&main, "apply"),
        job(&nightly, "drift"),
    );
}

#[test]
fn the_gitlab_ci_recipe_runs() {
    let pipeline = blocks(&ci_md(), "yaml")
        .into_iter()
        .find(|text| text.starts_with("stages:"))
        .expect("docs/ci.md has the .gitlab-ci.yml");
    let jobs = gitlab_jobs(&pipeline);
    let names: Vec<&str> = jobs.iter().map(|job| job.name.as_str()).collect();
    assert_eq!(names, ["plan", "apply", "drift"], "before_script is not a job's step");
    // One `plan` job serves the merge request and the main branch.
    the_three_jobs_work(
        job(&jobs, "plan"),
        job(&jobs, "plan"),
        job(&jobs, "apply"),
        job(&jobs, "drift"),
    );
}

#[test]
fn the_reader_takes_run_blocks_and_script_items() {
    let workflow = "name: x\non: push\njobs:\n  a:\n    steps:\n      - uses: actions/checkout@v4\n\
                    \x20     - name: Install rocketctl\n        run: cargo install x\n\
                    \x20     - name: Two\n        run: |\n          one\n          two\n\
                    \x20     - name: One\n        run: three\n  b:\n    steps:\n      - run: four\n";
    let jobs = github_jobs(workflow);
    assert_eq!(jobs.len(), 2, "{jobs:?}");
    assert_eq!(jobs[0].steps, ["one\ntwo\n", "three\n"]);
    assert_eq!(jobs[1].steps, ["four\n"]);
    let pipeline =
        "stages: [a]\ndefault:\n  before_script:\n    - install\nplan:\n  script:\n    - x || y\n";
    let jobs = gitlab_jobs(pipeline);
    assert_eq!(jobs.len(), 1, "{jobs:?}");
    assert_eq!(jobs[0].steps, ["x || y\n"]);
}
