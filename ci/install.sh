#!/usr/bin/env bash
# Cài gói vào Python của bộ chạy CI. Dùng chung cho GitHub, Forgejo, Gitea và GitLab
# để mọi nơi kiểm tra bằng đúng một cách cài.
set -euo pipefail
cd "$(dirname "$0")/.."
"${PYTHON:-python3}" -m pip install --disable-pip-version-check --no-input --quiet .
