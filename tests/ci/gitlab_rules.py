"""What GitLab makes of .gitlab-ci.yml for a given pipeline, as its documentation describes
it, small enough to read: which jobs a pipeline has and what each waits for. gitlab-ci-local
cannot say this (it diffs against a local branch and knows no merge request), so the tests
in tests/ci evaluate the rules here. Used by test_ci_rules.py, test_ci_pipeline.py,
test_ci_local.py and bench/ci_content_pipeline.sh.

Covered, after https://docs.gitlab.com/ci/yaml/ and /ci/jobs/job_rules/:
- `include: local` (the included files merged under the file itself).
- `extends` (hashes merged deeply, everything else replaced) and `default` (image,
  before_script, after_script, interruptible, … where the job sets none); hidden jobs (`.x`).
- `workflow:rules` and job `rules`: the first rule whose clauses all hold decides; `when:
  never` excludes; no rule holding excludes; a job without rules is in every pipeline.
- `rules:if`: `$VAR`, "string", 'string', null; `==`, `!=`, `=~`/`!~` with /regex/; `&&`
  binding tighter than `||`; parentheses. An unset or empty variable is false and equals null.
- `rules:changes` (a list, or `paths` with `compare_to`): glob patterns matched as Ruby's
  File.fnmatch with FNM_PATHNAME | FNM_DOTMATCH | FNM_EXTGLOB against the changed paths of
  the pipeline: for merge requests the merge request's diff, for branch pushes the push's
  diff, with `compare_to` the diff against that ref. Pipelines with no push event
  (schedules, "Run pipeline", API, triggers) and a branch's first push: always true. Here a
  pipeline's `changed` is its list of changed paths, or None for "always true"; `compare_to`
  looks up `changed_vs[ref]`.
- `rules:exists` is refused (not modelled).
- `needs`: the listed jobs (an `optional: true` one that is not in the pipeline is dropped;
  a missing required one is a pipeline error); `needs: []` waits for nothing; without
  `needs`, a job waits for every job of the earlier stages.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

KEYWORDS = {"image", "stages", "workflow", "variables", "default", "include", "services", "cache", "before_script",
            "after_script"}
DEFAULT_KEYS = {"image", "before_script", "after_script", "interruptible", "retry", "tags", "timeout", "services",
                "cache", "artifacts", "hooks", "id_tokens"}
DEFAULT_STAGES = [".pre", "build", "test", "deploy", ".post"]


class PipelineError(Exception):
    """GitLab would refuse to create the pipeline."""


# ------------------------------------------------------------------ config --

def _merge(base, over):
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            out[k] = _merge(base[k], v) if k in base else v
        return out
    return over


def load(path) -> dict:
    """The configuration with its `include: local` files merged in, as GitLab merges them: the
    included files first, in order, then the file itself over them (hashes merged deeply)."""
    path = Path(path)
    ci = yaml.safe_load(path.read_text(encoding="utf-8"))
    includes = ci.pop("include", None)
    if includes is None:
        return ci
    if isinstance(includes, (str, dict)):
        includes = [includes]
    merged = {}
    for item in includes:
        if isinstance(item, str):
            item = {"local": item}
        if set(item) != {"local"}:
            raise ValueError(f"only `include: local` without rules is modelled, not {item}")
        included = load(path.parent / item["local"].lstrip("/"))
        merged = _merge(merged, included)
    return _merge(merged, ci)


def resolve_job(ci: dict, name: str, seen=()) -> dict:
    """The job `name` with `extends` merged in (not `default`)."""
    if name in seen:
        raise PipelineError(f"circular extends at {name}")
    job = ci[name]
    parents = job.get("extends") or []
    if isinstance(parents, str):
        parents = [parents]
    merged = {}
    for parent in parents:
        merged = _merge(merged, resolve_job(ci, parent, seen + (name,)))
    merged = _merge(merged, {k: v for k, v in job.items() if k != "extends"})
    return merged


def jobs_of(ci: dict) -> dict:
    """Every visible job, resolved: extends, then default for the keys it does not set."""
    default = ci.get("default") or {}
    top = {k: ci[k] for k in ("image", "before_script", "after_script") if k in ci}
    jobs = {}
    for name, value in ci.items():
        if name in KEYWORDS or name.startswith(".") or not isinstance(value, dict):
            continue
        job = resolve_job(ci, name)
        for key in DEFAULT_KEYS:
            if key not in job:
                if key in default:
                    job[key] = default[key]
                elif key in top:
                    job[key] = top[key]
        job.setdefault("stage", "test")
        jobs[name] = job
    return jobs


def stages_of(ci: dict) -> list:
    stages = ci.get("stages") or DEFAULT_STAGES[1:-1]
    return [".pre", *stages, ".post"]


# ----------------------------------------------------------------- rules:if --

_TOKEN = re.compile(r"""\s*(?:(?P<op>==|!=|=~|!~|&&|\|\||\(|\))|(?P<var>\$[A-Za-z_]\w*|\$\{[A-Za-z_]\w*\})|"""
                    r"""(?P<str>"[^"]*"|'[^']*')|(?P<regex>/(?:\\.|[^/])*/[imx]*)|(?P<null>null\b))""")


def _tokens(text):
    pos, out = 0, []
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise ValueError(f"cannot read rule expression {text!r} at {text[pos:]!r}")
        kind = m.lastgroup
        out.append((kind, m.group(kind)))
        pos = m.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return out


def evaluate(expression: str, variables: dict) -> bool:
    """A `rules:if` expression with the pipeline's variables."""
    tokens = _tokens(expression)
    pos = 0

    def peek():
        return tokens[pos] if pos < len(tokens) else (None, None)

    def take():
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def value(tok):
        kind, text = tok
        if kind == "var":
            name = text[1:].strip("{}")
            v = variables.get(name)
            return v if v not in (None, "") else None
        if kind == "str":
            return text[1:-1]
        if kind == "null":
            return None
        raise ValueError(f"unexpected {text!r} in {expression!r}")

    def regex_of(text):
        body, flags = text[1:text.rindex("/")], text[text.rindex("/") + 1:]
        return re.compile(body, re.I if "i" in flags else 0)

    def primary():
        kind, text = peek()
        if kind == "op" and text == "(":
            take()
            result = disjunction()
            if take() != ("op", ")"):
                raise ValueError(f"unbalanced parentheses in {expression!r}")
            return result
        left = take()
        kind, op = peek()
        if kind == "op" and op in ("==", "!=", "=~", "!~"):
            take()
            right = take()
            if op in ("==", "!="):
                equal = value(left) == value(right)
                return equal if op == "==" else not equal
            if right[0] == "regex":
                pattern = regex_of(right[1])
            else:  # a variable holding a /regex/
                held = value(right) or ""
                pattern = regex_of(held) if held.startswith("/") else re.compile(re.escape(held))
            matched = pattern.search(value(left) or "") is not None
            return matched if op == "=~" else not matched
        return value(left) is not None

    def conjunction():
        result = primary()
        while peek() == ("op", "&&"):
            take()
            right = primary()
            result = result and right
        return result

    def disjunction():
        result = conjunction()
        while peek() == ("op", "||"):
            take()
            right = conjunction()
            result = result or right
        return result

    result = disjunction()
    if pos != len(tokens):
        raise ValueError(f"trailing tokens in {expression!r}")
    return result


# ------------------------------------------------------------ rules:changes --

def _split_braces(body):
    parts, depth, current = [], 0, ""
    for ch in body:
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        depth += ch == "{"
        depth -= ch == "}"
        current += ch
    parts.append(current)
    return parts


def _glob_regex(pattern: str) -> str:
    out, i = "", 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out += "(?:[^/]*/)*"  # zero or more folders (dot folders too: FNM_DOTMATCH)
            i += 3
        elif c == "*":
            out += "[^/]*"
            i += 1
        elif c == "?":
            out += "[^/]"
            i += 1
        elif c == "[":
            end = pattern.index("]", i + 2 if pattern[i + 1] in "!^" else i + 1)
            body = pattern[i + 1:end]
            if body[0] in "!^":
                body = "^" + body[1:]
            out += "[" + body.replace("\\", "\\\\") + "]"
            i = end + 1
        elif c == "{":
            depth, j = 0, i
            while True:
                depth += pattern[j] == "{"
                depth -= pattern[j] == "}"
                if depth == 0:
                    break
                j += 1
            out += "(?:" + "|".join(_glob_regex(p) for p in _split_braces(pattern[i + 1:j])) + ")"
            i = j + 1
        elif c == "\\" and i + 1 < len(pattern):
            out += re.escape(pattern[i + 1])
            i += 2
        else:
            out += re.escape(c)
            i += 1
    return out


def fnmatch(pattern: str, path: str) -> bool:
    """Ruby's File.fnmatch?(pattern, path, FNM_PATHNAME | FNM_DOTMATCH | FNM_EXTGLOB)."""
    return re.fullmatch(_glob_regex(pattern), path) is not None


def changes_hold(changes, pipeline: "Pipeline", variables: dict) -> bool:
    if isinstance(changes, dict):
        paths = changes["paths"]
        compare_to = changes.get("compare_to")
    else:
        paths, compare_to = changes, None
    if compare_to is not None:
        ref = expand(compare_to, variables)
        changed = pipeline.changed_vs.get(ref) if pipeline.changed_vs else None
        if changed is None and pipeline.changed is not None:
            raise PipelineError(f"compare_to {ref!r}: this scenario does not say what changed against it")
    else:
        changed = pipeline.changed
    if changed is None:
        return True
    return any(fnmatch(p, f) for p in paths for f in changed)


def expand(text: str, variables: dict) -> str:
    return re.sub(r"\$\{?([A-Za-z_]\w*)\}?", lambda m: variables.get(m.group(1)) or "", str(text))


# ---------------------------------------------------------------- pipelines --

@dataclass
class Pipeline:
    """A pipeline GitLab is asked to create: its predefined variables (CI_PIPELINE_SOURCE,
    CI_COMMIT_BRANCH, CI_DEFAULT_BRANCH, CI_MERGE_REQUEST_IID, CI_OPEN_MERGE_REQUESTS, and
    those of a schedule) and what changed (None: rules:changes always true)."""
    variables: dict
    changed: list | None = None
    changed_vs: dict = field(default_factory=dict)


@dataclass
class Job:
    name: str
    stage: str
    when: str
    allow_failure: bool
    variables: dict
    needs: list  # the jobs it waits for, in the pipeline
    artifacts_from: list  # the jobs whose artifacts it downloads
    config: dict


def first_rule(rules, pipeline: Pipeline, variables: dict):
    for rule in rules:
        if "exists" in rule:
            raise ValueError("rules:exists is not modelled")
        if "if" in rule and not evaluate(rule["if"], variables):
            continue
        if "changes" in rule and not changes_hold(rule["changes"], pipeline, variables):
            continue
        return rule
    return None


def pipeline_variables(ci: dict, pipeline: Pipeline) -> dict:
    variables = {k: str(v) for k, v in (ci.get("variables") or {}).items() if not isinstance(v, dict)}
    variables.update(pipeline.variables)
    return variables


def created(ci: dict, pipeline: Pipeline) -> bool:
    """workflow:rules: is the pipeline created at all?"""
    rules = (ci.get("workflow") or {}).get("rules")
    if rules is None:
        return True
    rule = first_rule(rules, pipeline, pipeline_variables(ci, pipeline))
    return rule is not None and rule.get("when", "always") != "never"


def evaluate_pipeline(ci: dict, pipeline: Pipeline) -> dict | None:
    """{job name: Job} of the pipeline, in file order, or None when workflow:rules creates none.
    Raises PipelineError where GitLab would refuse the configuration."""
    if not created(ci, pipeline):
        return None
    base = pipeline_variables(ci, pipeline)
    stages = stages_of(ci)
    selected = {}
    for name, job in jobs_of(ci).items():
        if job["stage"] not in stages:
            raise PipelineError(f"{name}: stage {job['stage']!r} is not in stages")
        variables = dict(base)
        variables.update({k: str(v) for k, v in (job.get("variables") or {}).items() if not isinstance(v, dict)})
        variables.update(pipeline.variables)  # pipeline (schedule) variables win over job ones
        rules = job.get("rules")
        if rules is None:
            when, allow, rule_vars = job.get("when", "on_success"), job.get("allow_failure", False), {}
        else:
            rule = first_rule(rules, pipeline, variables)
            if rule is None:
                continue
            when = rule.get("when", job.get("when", "on_success"))
            allow = rule.get("allow_failure", job.get("allow_failure", when == "manual"))
            rule_vars = {k: str(v) for k, v in (rule.get("variables") or {}).items()}
        if when == "never":
            continue
        job_vars = {k: str(v) for k, v in (job.get("variables") or {}).items() if not isinstance(v, dict)}
        job_vars.update(rule_vars)
        selected[name] = (job, when, allow, job_vars)
    if not selected:
        return {}
    out = {}
    for name, (job, when, allow, job_vars) in selected.items():
        stage_index = stages.index(job["stage"])
        if "needs" in job:
            needs, artifacts_from = [], []
            for need in job["needs"]:
                need = {"job": need} if isinstance(need, str) else dict(need)
                if "pipeline" in need or "project" in need:
                    raise ValueError("cross-pipeline needs are not modelled")
                other = need["job"]
                if other not in selected:
                    if need.get("optional"):
                        continue
                    raise PipelineError(f"{name} needs {other}, which is not in this pipeline")
                if stages.index(selected[other][0]["stage"]) > stage_index:
                    raise PipelineError(f"{name} needs {other}, of a later stage")
                needs.append(other)
                if need.get("artifacts", True):
                    artifacts_from.append(other)
            if "dependencies" in job:
                raise PipelineError(f"{name}: needs and dependencies together are not modelled")
        else:
            needs = [o for o, (j, *_rest) in selected.items() if stages.index(j["stage"]) < stage_index]
            artifacts_from = list(job["dependencies"]) if "dependencies" in job else list(needs)
        out[name] = Job(name, job["stage"], when, bool(allow), job_vars, needs, artifacts_from, job)
    return out


def waits_for(jobs: dict, name: str) -> set:
    """Every job `name` waits for, directly or through the jobs it waits for."""
    seen, todo = set(), list(jobs[name].needs)
    while todo:
        other = todo.pop()
        if other not in seen:
            seen.add(other)
            todo.extend(jobs[other].needs)
    return seen


def commands(job: dict) -> list:
    """before_script + script, as the runner runs them (nested lists flattened)."""
    lines = []

    def add(items):
        for item in items or []:
            if isinstance(item, list):
                add(item)
            else:
                lines.append(str(item))

    add(job.get("before_script"))
    add(job.get("script"))
    return lines
