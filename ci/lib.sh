# shellcheck shell=bash disable=SC2016
# (SC2016: the backticks in this file are Markdown code spans, not commands.)
# Các bước của ci/pr-check.sh. Mỗi bước gọi một lệnh của gói, không tự kiểm tra
# gì thêm: luật nằm trong site_builder, ở đây chỉ có thứ tự và nơi ghi kết quả.

CI_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PY=${PYTHON:-python3}
OUT=${CI_OUT:-.ci-out}
# github: ::error cho GitHub/Forgejo/Gitea; text: dòng thường; gitlab: bản văn
# kèm báo cáo code quality, vì GitLab không đọc ::error.
ANNOTATIONS=${CI_ANNOTATIONS:-github}
SUMMARY_FILE=${GITHUB_STEP_SUMMARY:-$OUT/summary.md}
# Several screens of a refusal are enough to act on; the full text is in the log.
ACCESS_LINES=200
SUMMARY_BYTES=$((1024 * 1024))

usage_error() {
  echo "ci/pr-check.sh: $1" >&2
  echo "Cách dùng: ci/pr-check.sh [--only validate|report|build] BASE HEAD ACTOR [ACTOR…]" >&2
  exit 2
}

# The merge base, so the report shows what the pull request changes and not
# what landed on the target branch since it was opened.
resolve_base() {
  if [[ $(git rev-parse --is-shallow-repository) == true ]]; then
    echo "ci/pr-check.sh: bản checkout thiếu lịch sử (shallow clone)." >&2
    echo "Hãy lấy toàn bộ lịch sử: GitHub/Forgejo 'fetch-depth: 0', GitLab 'GIT_DEPTH: \"0\"', hoặc 'git fetch --unshallow'." >&2
    return 2
  fi
  local base head
  base=$(git rev-parse --verify --quiet "$1^{commit}") || {
    echo "ci/pr-check.sh: không có commit BASE '$1' trong kho." >&2
    return 2
  }
  head=$(git rev-parse --verify --quiet "$2^{commit}") || {
    echo "ci/pr-check.sh: không có commit HEAD '$2' trong kho." >&2
    return 2
  }
  git merge-base "$base" "$head" || {
    echo "ci/pr-check.sh: BASE và HEAD không có tổ tiên chung." >&2
    return 2
  }
}

record() { # CODE LABEL DETAIL
  local mark="✅ đạt"
  if (($1 != 0)); then
    mark="❌ lỗi (mã $1)"
    (($1 > status)) && status=$1
  fi
  printf '| %s | %s | %s |\n' "$2" "$mark" "$3" >>"$OUT/steps.md"
}

step_validate() {
  local code
  case $ANNOTATIONS in
    gitlab)
      "$PY" -m site_builder validate --format json >"$OUT/validate.json"
      code=$?
      "$PY" "$CI_DIR/codequality.py" "$OUT/validate.json" "$OUT/gl-code-quality-report.json" >"$OUT/validate.txt" || code=2
      ;;
    github | text)
      "$PY" -m site_builder validate --format "$ANNOTATIONS" >"$OUT/validate.txt"
      code=$?
      ;;
  esac
  cat "$OUT/validate.txt"
  generated schema
  local one=$?
  ((one > code)) && code=$one
  return "$code"
}

# `schema --check` and `codeowners --check` say "path:line:col: lỗi: …" when a
# generated file is stale; on GitHub that becomes an annotation on the file.
generated() { # COMMAND
  local code
  "$PY" -m site_builder "$1" --check >"$OUT/$1.txt" 2>&1
  code=$?
  if [[ $ANNOTATIONS == github ]]; then
    sed -E 's/^([^:]+):([0-9]+):([0-9]+): lỗi: (.*)$/::error file=\1,line=\2,col=\3,title=Tệp sinh tự động::\4/' "$OUT/$1.txt"
  else
    cat "$OUT/$1.txt"
  fi
  return "$code"
}

step_access() { # BASE HEAD ACTOR…
  local base=$1 head=$2 code=0 actor one format=text
  shift 2
  [[ $ANNOTATIONS == github ]] && format=github
  : >"$OUT/access.txt"
  # Everyone who put commits in the pull request must be allowed, not only the
  # one whose push started this run.
  for actor in "$@"; do
    "$PY" -m site_builder check-access --format "$format" --actor "$actor" "$base" "$head" 2>&1 | tee -a "$OUT/access.txt"
    one=${PIPESTATUS[0]}
    ((one > code)) && code=$one
  done
  generated codeowners
  one=$?
  ((one > code)) && code=$one
  cat "$OUT/codeowners.txt" >>"$OUT/access.txt"
  return "$code"
}

step_report() { # BASE HEAD
  local code=0 limit
  for limit in summary comment; do
    if ! "$PY" -m site_builder diff --limit "$limit" "$1" "$2" >"$OUT/diff-$limit.md"; then
      code=1
      printf '\n> Không tạo được báo cáo thay đổi (`diff --limit %s`); xem nhật ký của lần chạy.\n' "$limit" >>"$OUT/diff-$limit.md"
    fi
  done
  return "$code"
}

step_build() {
  # The build talks on stdout; stdout of this script is kept for annotations.
  "$PY" -m site_builder build --strict 1>&2
}

write_summary() { # BASE HEAD ACTOR…
  local base=$1 head=$2
  shift 2
  local who
  who=$(printf '`%s`, ' "$@")
  {
    printf '## Kiểm tra pull request\n\n'
    printf 'Commit `%s`, so với `%s`; tài khoản: %s.\n\n' "${head:0:12}" "${base:0:12}" "${who%, }"
    printf '| Bước | Kết quả | Chi tiết |\n|---|---|---|\n'
    cat "$OUT/steps.md"
    if [[ -s $OUT/access.txt ]] && grep -q 'Quyền sửa tệp.*lỗi' "$OUT/steps.md"; then
      printf '\n### Quyền sửa tệp\n\n~~~~text\n'
      # Annotations read as plain "file:line: message" lines here.
      sed -E 's/^::(error|warning) file=([^,]*),line=([0-9]+)[^:]*::/\2:\3: /' "$OUT/access.txt" | head -n "$ACCESS_LINES"
      printf '~~~~\n'
    fi
  } >"$OUT/status.md"
  # diff --limit summary fills GitHub's 1 MiB by itself; with the table in front
  # it could overflow, and GitHub would then drop the whole summary.
  local report=$OUT/diff-summary.md
  if [[ -f $report ]] && (($(wc -c <"$OUT/status.md") + $(wc -c <"$report") > SUMMARY_BYTES)); then
    report=$OUT/diff-comment.md
  fi
  {
    cat "$OUT/status.md"
    [[ -f $report ]] && printf '\n' && cat "$report"
  } >>"$SUMMARY_FILE"
  {
    cat "$OUT/status.md"
    [[ -f $OUT/diff-comment.md ]] && printf '\n' && cat "$OUT/diff-comment.md"
  } >"$OUT/comment.md"
}
