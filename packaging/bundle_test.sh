#!/usr/bin/env bash
# Smoke-test the built bundle the way a user runs it: from another directory, with no
# project venv and no source tree in reach, fresh empty XDG dirs, and a read-only bundle.
#
#   packaging/bundle_test.sh [BUNDLE_DIR]      (default: dist/reader-app)
#
# Runs `reader-app --version`, the CLI (export, convert) and `--self-test` twice: on Qt's
# offscreen platform and on a real X server (Xvfb through xvfb-run, xcb platform plugin,
# so missing X11 client libraries show up here and not on a user's desktop). Each run has
# a time limit, so a self-test that opens a window instead of returning fails, not hangs.
# Fails if the bundle folder changed during the runs.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
BUNDLE=$(cd "${1:-$REPO/dist/reader-app}" && pwd)
EXE="$BUNDLE/reader-app"
LIMIT=${BUNDLE_TEST_TIMEOUT:-120}
[[ -x "$EXE" ]] || { echo "bundle_test: no executable at $EXE (run make bundle)" >&2; exit 1; }

# Xvfb, xauth and a CJK font for the real-X run; installed when we can, else required.
need=()
command -v xvfb-run >/dev/null || need+=(xvfb)
command -v xauth >/dev/null || need+=(xauth)
fc-list :lang=zh 2>/dev/null | grep -q . || need+=(fonts-noto-cjk)
if ((${#need[@]})); then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "bundle_test: installing ${need[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "bundle_test: needs ${need[*]} (Debian/Ubuntu: sudo apt-get install ${need[*]})" >&2
    exit 1
  fi
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/reader-app-bundle-test.XXXXXX")
restore() { chmod -R u+w "$BUNDLE" 2>/dev/null || true; rm -rf "$WORK"; }
trap restore EXIT

snapshot() { (cd "$BUNDLE" && find . -printf '%P\t%y\t%s\t%T@\n' | LC_ALL=C sort); }
snapshot >"$WORK/before.txt"
# Read-only for the runs. Root ignores file modes, hence the listing compared at the end.
chmod -R a-w "$BUNDLE"

FAILED=0
fail() { echo "FAIL: $*" >&2; FAILED=1; }

# One run: a fresh HOME, XDG dirs and TMPDIR, nothing from our environment but the locale,
# a PATH without the project venv, and the working directory outside the source tree.
run() {
  local name=$1; shift
  local home="$WORK/$name"
  mkdir -p "$home"/{home,cache,data,config,tmp,runtime,cwd}
  chmod 700 "$home/runtime"
  (
    cd "$home/cwd"
    env -i \
      PATH=/usr/local/bin:/usr/bin:/bin \
      HOME="$home/home" \
      LANG=C.UTF-8 \
      XDG_CACHE_HOME="$home/cache" \
      XDG_DATA_HOME="$home/data" \
      XDG_CONFIG_HOME="$home/config" \
      XDG_RUNTIME_DIR="$home/runtime" \
      TMPDIR="$home/tmp" \
      "$@"
  )
}

echo "== version"
version=$(run version timeout "$LIMIT" "$EXE" --version) || fail "--version exited $?"
echo "$version"
want=$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$REPO/pyproject.toml" | head -1)
[[ "$version" == "reader-app $want" ]] || fail "--version says '$version', pyproject says $want"

echo "== export (first article, seeds read from inside the bundle)"
if out=$(run export timeout "$LIMIT" "$EXE" export 2>"$WORK/export.err"); then
  lines=$(grep -c . <<<"$out" || true)
  echo "$lines articles; first $(head -1 <<<"$out" | grep -o '"title": "[^"]*"' || true)"
  echo "read from $(head -1 <<<"$out" | grep -o '"path": "[^"]*"' || true)"
  ((lines > 0)) || fail "export printed no articles"
  if grep -q -F "\"path\": \"$REPO/seeds/" <<<"$out"; then
    fail "export read the seeds of the source tree, not the bundle's"
  fi
else
  fail "export exited $?"; cat "$WORK/export.err" >&2
fi

echo "== convert -c s2t"
conv=$(printf '简体中文的汉字\n' | run convert timeout "$LIMIT" "$EXE" convert -c s2t) || fail "convert exited $?"
echo "$conv"
[[ "$conv" == "簡體中文的漢字" ]] || fail "convert gave '$conv'"

self_test() {
  local name=$1; shift
  local status=0
  echo "== --self-test ($name)"
  run "$name" "$@" >"$WORK/$name.out" 2>&1 || status=$?
  cat "$WORK/$name.out"
  if ((status == 124 || status == 137)); then
    fail "--self-test ($name) did not finish within ${LIMIT}s (a window waiting for a user?)"
  elif ((status != 0)); then
    fail "--self-test ($name) exited $status"
  fi
  local leftovers
  leftovers=$(cd "$WORK/$name/tmp" && find . -mindepth 1 | head -5)
  [[ -z "$leftovers" ]] || echo "note: --self-test ($name) left files in TMPDIR: $leftovers"
}

self_test offscreen env QT_QPA_PLATFORM=offscreen \
  timeout --kill-after=5 "$LIMIT" "$EXE" --self-test
# xvfb-run starts Xvfb on a free display with its own auth file, and the xcb plugin
# talks to it like to any desktop's X server. The time limit is inside, so xvfb-run
# still stops its server when the app is killed.
self_test xvfb env QT_QPA_PLATFORM=xcb \
  xvfb-run -a -s "-screen 0 1280x800x24" timeout --kill-after=5 "$LIMIT" "$EXE" --self-test

chmod -R u+w "$BUNDLE"
snapshot >"$WORK/after.txt"
if ! diff -u "$WORK/before.txt" "$WORK/after.txt" >"$WORK/bundle.diff"; then
  fail "the app wrote into its bundle folder:"
  cat "$WORK/bundle.diff" >&2
fi

if ((FAILED)); then
  echo "bundle_test: FAILED" >&2
  exit 1
fi
echo "bundle_test: OK ($(du -sh "$BUNDLE" | cut -f1) in $BUNDLE)"
