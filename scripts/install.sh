#!/usr/bin/env bash
# Install gkreview and everything its tests need on a fresh Debian machine.
# Idempotent: a second run only checks that everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
fc-list 2>/dev/null | grep -qi "wqy\|zenhei" || need_apt+=(fonts-wqy-zenhei)
if [ ${#need_apt[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null 2>&1 \
      || echo "warning: could not install ${need_apt[*]} (browser tests will be skipped)" >&2
  else
    echo "warning: not root; skipping system packages ${need_apt[*]}" >&2
  fi
fi
python3 -m pip install -q --disable-pip-version-check -e ".[test]"
