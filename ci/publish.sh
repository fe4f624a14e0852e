#!/usr/bin/env bash
# Dựng trang công khai từ nhánh chính, để bước xuất bản của từng nền tảng đưa lên.
#
#   ci/publish.sh [THƯ_MỤC]
#
# Trang nằm ở site/; GitLab Pages đòi thư mục public/, nên có thể xin chép sang.
# Dựng ở chế độ strict: một trang có cảnh báo thì thà giữ bản cũ đang chạy còn hơn.
set -euo pipefail

target=${1:-site}
root=$(git rev-parse --show-toplevel)
cd "$root"
if [[ $(git rev-parse --is-shallow-repository) == true ]]; then
  echo "ci/publish.sh: bản checkout thiếu lịch sử; lịch sử thay đổi điểm cần toàn bộ commit." >&2
  echo "Hãy lấy toàn bộ lịch sử: GitHub/Forgejo 'fetch-depth: 0', GitLab 'GIT_DEPTH: \"0\"'." >&2
  exit 2
fi
"${PYTHON:-python3}" -m site_builder build --strict
if [[ $target != site ]]; then
  rm -rf -- "$target"
  cp -R site "$target"
fi
