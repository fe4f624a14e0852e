#!/usr/bin/env bash
# Kiểm tra một pull request (merge request) đúng như CI chạy.
#
#   ci/pr-check.sh [--only validate|report|build] BASE HEAD ACTOR [ACTOR…]
#
# Chạy ở thư mục gốc của kho cần kiểm tra (bản checkout đủ lịch sử của HEAD).
# Ra: chú thích lỗi trên stdout (::error file=…,line=…; GitLab: bản văn và
# báo cáo code quality), bản tóm tắt Markdown cộng vào $GITHUB_STEP_SUMMARY
# (không có thì $CI_OUT/summary.md), nội dung bình luận ở $CI_OUT/comment.md.
# Mã thoát: 0 khi mọi bước đạt; mã lớn nhất của các bước lỗi nếu không.
#
# GitHub, Forgejo, Gitea, GitLab và bộ kiểm thử cùng gọi tệp này, nên điều
# kiểm thử thấy là điều CI làm.
set -uo pipefail # no -e: every step runs, so a unit sees all its problems in one round

# shellcheck source=ci/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

only=all
if [[ ${1:-} == --only ]]; then
  only=${2:-}
  shift 2 || true
fi
case $only in all | validate | report | build) ;; *) usage_error "bước không có: '$only'" ;; esac
case $ANNOTATIONS in github | text | gitlab) ;; *) usage_error "CI_ANNOTATIONS phải là github, text hoặc gitlab, không phải '$ANNOTATIONS'" ;; esac
(($# >= 3)) || usage_error "thiếu tham số"

root=$(git rev-parse --show-toplevel 2>/dev/null) || usage_error "không phải một kho git: $PWD"
cd "$root" || exit 2
base=$(resolve_base "$1" "$2") || exit 2
head=$(git rev-parse --verify --quiet "$2^{commit}") || usage_error "không có commit HEAD '$2'"
shift 2
mapfile -t actors < <(printf '%s\n' "$@" | awk 'NF && !seen[$0]++')

mkdir -p "$OUT"
: >"$OUT/steps.md"
status=0

if [[ $only == all || $only == validate ]]; then
  step_validate
  record $? "Kiểm tra tệp nộp (\`validate\`, \`schema --check\`)" "$(tail -n 1 "$OUT/validate.txt" 2>/dev/null)"
fi
if [[ $only == all || $only == report ]]; then
  step_access "$base" "$head" "${actors[@]}"
  record $? "Quyền sửa tệp (\`check-access\`, \`codeowners --check\`)" ""
  step_report "$base" "$head"
  record $? "Báo cáo thay đổi (\`diff\`)" ""
fi
if [[ $only == all || $only == build ]]; then
  step_build
  record $? "Dựng trang (\`build --strict\`)" ""
fi

write_summary "$base" "$head" "${actors[@]}"
exit "$status"
